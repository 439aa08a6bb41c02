"""Backup Settings…: how long backups are kept, per user, from the next backup on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from ldboard.domain.backup_policy import DAYS_RANGE, DEFAULT_POLICY, HOURS_RANGE, RetentionPolicy
from ldboard.paths import settings_file
from ldboard.store.rolling_backups import list_backups, make_backup, saved_policy
from ldboard.ui.backups.settings_dialog import BackupSettingsDialog
from ldboard.ui.shell.settings import AppSettings
from tests.gui.test_restore_backup import open_restore


def hours_of_backups(window, hours: range) -> None:
    path = window.session.path
    window.session.checkpoint()
    for n in hours:
        moment = datetime.now(UTC) - timedelta(hours=n)
        make_backup(path, clock=lambda moment=moment: moment)


def open_settings(window, qtbot, parent=None) -> BackupSettingsDialog:
    dialog = window.backup_settings(parent)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_the_dialog_shows_the_saved_choice_within_bounds_and_restores_defaults(window, qtbot):
    dialog = open_settings(window, qtbot)
    assert (dialog.hours.value(), dialog.days.value()) == (24, 30)
    assert (dialog.hours.minimum(), dialog.hours.maximum()) == HOURS_RANGE
    assert (dialog.days.minimum(), dialog.days.maximum()) == DAYS_RANGE
    dialog.hours.setValue(6)
    dialog.days.setValue(90)
    dialog.findChild(type(dialog.buttons.buttons()[0]), "restoreDefaults").click()
    assert dialog.policy() == DEFAULT_POLICY
    dialog.hours.setValue(10_000)  # typed beyond the bound: held at it
    assert dialog.policy().hourly == HOURS_RANGE[1]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert window.settings.backup_retention() == DEFAULT_POLICY, "Escape saves nothing"


def test_a_shorter_retention_prunes_at_the_next_backup_of_the_open_board(window, qtbot):
    hours_of_backups(window, range(6, 0, -1))
    assert len(list_backups(window.session.path)) >= 6
    dialog = open_settings(window, qtbot)
    dialog.hours.setValue(1)
    dialog.days.setValue(1)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert window.settings.backup_retention() == RetentionPolicy(hourly=1, daily=1)
    assert "hourly for 1 hours" in window.statusBar().currentMessage()
    assert len(list_backups(window.session.path)) >= 6, "nothing is deleted until the next backup"
    schedule = window.session.backups
    assert schedule is not None
    with qtbot.waitSignal(schedule.made, timeout=5000):
        assert schedule.back_up_now()
    # Only the three newest are left: the others are older than one hour and one day.
    assert len(list_backups(window.session.path)) == 3


def test_the_command_line_prunes_by_the_same_setting(window, qtbot):
    window.settings.set_backup_retention(RetentionPolicy(hourly=1, daily=1))
    hours_of_backups(window, range(6, 0, -1))
    # ``ldboard backup PATH`` calls make_backup(PATH) without a policy: it reads the
    # setting with configparser, no Qt involved.
    assert saved_policy() == RetentionPolicy(hourly=1, daily=1)
    make_backup(window.session.path)
    assert len(list_backups(window.session.path)) == 3


def test_the_setting_is_per_user_and_read_back_without_qt(qapp, tmp_path):
    settings = AppSettings()
    assert settings.path == settings_file()
    assert settings.backup_retention() == DEFAULT_POLICY
    settings.set_backup_retention(RetentionPolicy(hourly=48, daily=120))
    settings.add_recent_board(tmp_path / "a, b % c.ldboard")  # odd characters in the file
    assert saved_policy(settings.path) == RetentionPolicy(hourly=48, daily=120)
    assert AppSettings().backup_retention() == RetentionPolicy(hourly=48, daily=120)


def test_the_restore_dialog_opens_the_settings_and_tells_the_new_retention(window, qtbot):
    dialog = open_restore(window, qtbot)
    assert "24 hours" in dialog.intro.text() and "30 days" in dialog.intro.text()
    dialog.settings_button.click()
    settings = dialog.findChild(BackupSettingsDialog)
    assert settings is not None
    qtbot.waitUntil(settings.isVisible)
    settings.days.setValue(60)
    settings.accept()
    assert "60 days" in dialog.intro.text()
    assert dialog.isVisible(), "back to choosing a backup"
    assert window.settings.backup_retention().daily == 60
