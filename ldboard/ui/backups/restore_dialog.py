"""File → Restore from Backup…: yesterday's board back in three clicks.

The list shows the board's rolling backups, newest first, each with its date
and how many open items it holds; choosing one shows what is inside (items
per stage, iterations, the items changed last) without opening it, so a
person can tell which one they want. "Open Read-Only" (also Enter or a
double click) shows the whole backup in a window of its own, every screen
browsable and nothing editable (``ui/shell/backup_preview.py``). The dialog
only chooses: the window does the restoring (``ui/shell/window_restore.py``),
either as a new board next to the current one, or over the current board once
that has itself been backed up, so restoring is undone by restoring again.
"Backup Settings…" sets how long backups are kept.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.backup_policy import DEFAULT_POLICY, RetentionPolicy
from ldboard.store.restoring import BackupPreview, preview_backup
from ldboard.store.rolling_backups import BackupInfo


def when(moment: datetime, now: datetime) -> str:
    """ "Mon 7 Dec 2026, 09:30 (2 hours ago)" in local time."""
    local = moment.astimezone()
    seconds = max((now - moment).total_seconds(), 0)
    if seconds < 3600:
        ago = f"{int(seconds // 60)} min ago"
    elif seconds < 86400:
        hours = int(seconds // 3600)
        ago = f"{hours} hour{'s' if hours != 1 else ''} ago"
    else:
        days = int(seconds // 86400)
        ago = f"{days} day{'s' if days != 1 else ''} ago"
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} ({ago})"


class RestoreBackupDialog(QDialog):
    restore_as_new = Signal(object)  # Path of the backup
    restore_over = Signal(object)  # Path of the backup
    open_read_only = Signal(object)  # Path of the backup
    settings_requested = Signal()

    def __init__(
        self,
        backups: Sequence[BackupInfo],
        *,
        now: datetime,
        can_replace: bool,
        policy: RetentionPolicy = DEFAULT_POLICY,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreBackupDialog")
        self.setWindowTitle("Restore from Backup")
        self.backups = list(backups)
        self.intro = QLabel()
        self.intro.setObjectName("backupIntro")
        self.intro.setWordWrap(True)
        self.show_policy(policy)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        for info in self.backups:
            items = "unreadable" if info.items is None else f"{info.items:,} items"
            entry = QListWidgetItem(f"{when(info.time, now)} · {items}")
            entry.setData(Qt.ItemDataRole.UserRole, str(info.path))
            self.list.addItem(entry)
        self.preview = QLabel()
        self.preview.setObjectName("backupPreview")
        self.preview.setWordWrap(True)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setMinimumWidth(320)
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addWidget(self.preview, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.settings_button = QPushButton("Backup &Settings…")
        self.settings_button.setAutoDefault(False)
        self.settings_button.setObjectName("backupSettings")
        self.settings_button.setToolTip("How long backups are kept")
        self.settings_button.clicked.connect(self.settings_requested)
        self.open_button = self.buttons.addButton(
            "&Open Read-Only", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setObjectName("openBackupReadOnly")
        self.open_button.setToolTip(
            "Look at the whole backup in a window of its own; nothing in it can be changed"
        )
        self.open_button.setDefault(True)
        self.new_button = self.buttons.addButton(
            "Restore as &New Board…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.new_button.setObjectName("restoreAsNew")
        self.replace_button = self.buttons.addButton(
            "&Replace This Board", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.replace_button.setObjectName("restoreOver")
        self.replace_button.setToolTip(
            "The board as it is now is backed up first: restore that backup to undo."
        )
        self.replace_button.setVisible(can_replace)
        self.open_button.clicked.connect(lambda: self._chosen(self.open_read_only))
        self.list.itemActivated.connect(lambda _item: self._chosen(self.open_read_only))
        self.new_button.clicked.connect(lambda: self._chosen(self.restore_as_new))
        self.replace_button.clicked.connect(lambda: self._chosen(self.restore_over))
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        if not self.backups:
            none = QLabel("There is no backup of this board yet.")
            none.setObjectName("noBackups")
            layout.addWidget(none)
        layout.addLayout(middle, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.settings_button)
        bottom.addWidget(self.buttons, 1)
        layout.addLayout(bottom)
        self.list.currentRowChanged.connect(self._show_preview)
        self.resize(820, 460)
        if self.backups:
            self.list.setCurrentRow(0)
        self._show_preview(self.list.currentRow())

    def show_policy(self, policy: RetentionPolicy) -> None:
        """Say how long backups are kept (it changes with Backup Settings…)."""
        self.intro.setText(
            "ldboard keeps a copy of this board when it opens and every few minutes while "
            f"you work: the newest of each hour for {policy.hourly} hours and of each day for "
            f"{policy.daily} days. Choose one to see what it holds."
        )

    def chosen(self) -> Path | None:
        entry = self.list.currentItem()
        return Path(entry.data(Qt.ItemDataRole.UserRole)) if entry is not None else None

    def _show_preview(self, row: int) -> None:
        path = self.chosen() if row >= 0 else None
        readable = False
        if path is None:
            self.preview.setText("")
        else:
            try:
                look = preview_backup(path)
            except (OSError, sqlite3.Error) as error:
                self.preview.setText(
                    f"<p>This backup cannot be read ({escape(str(error))}). Choose another.</p>"
                )
            else:
                readable = True
                self.preview.setText(_preview_html(look))
        for button in (self.open_button, self.new_button, self.replace_button):
            button.setEnabled(readable)

    def _chosen(self, signal: Signal) -> None:
        path = self.chosen()
        if path is not None and self.open_button.isEnabled():
            signal.emit(path)
            self.accept()


def _preview_html(look: BackupPreview) -> str:
    columns = "".join(
        f"<tr><td>{escape(name)}</td><td align='right'>&nbsp;{count:,}</td></tr>"
        for name, count in look.columns
    )
    running = [name for name, state in look.iterations if state == "active"]
    recent = "".join(f"<li>{escape(title)}</li>" for title in look.recent)
    lines = [
        f"<b>{escape(look.board_name)}</b>: {look.items:,} open items, {look.archived:,} archived",
        f"<table>{columns}</table>",
    ]
    if running:
        lines.append(f"Running iteration: {escape(running[0])}")
    if recent:
        lines.append(f"Changed last:<ul>{recent}</ul>")
    return "<p>" + "</p><p>".join(lines) + "</p>"
