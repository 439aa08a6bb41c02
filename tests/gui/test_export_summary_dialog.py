"""File → Export Iteration Summary…: the dialog in a real window on the demo board.

The demo board has a closed iteration (1), a running one (2) and a planned one
(3). Files are compared with what ``ldboard.io.export.render`` makes of the
same iteration, so the dialog writes exactly what the command line does.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QUrl
from PySide6.QtPdf import QPdfDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from ldboard import ops
from ldboard.domain.model import Iteration
from ldboard.io.export import render
from ldboard.io.summary import build_summary
from ldboard.store import Board
from ldboard.ui.common.iteration_text import friendly_date
from ldboard.ui.shell.app import build_main_window
from ldboard.ui.summary import choices
from ldboard.ui.summary.dialog import LIVE_NOTE, ExportSummaryDialog, default_page_size
from tests.disks import can_mount, fill, small_disk
from tests.gui.support import ScriptedPrompter
from tests.gui.test_damaged_and_read_only import read_only_board

CLOSED, ACTIVE, PLANNED = 1, 2, 3
DEMO_NAME = "LD Product Board - Iteration 2 CRM go-live, sales pilot, manager capability"


class Opener:
    """Stands in for QDesktopServices.openUrl: records, launches nothing."""

    def __init__(self) -> None:
        self.opened: list[QUrl] = []

    def __call__(self, url: QUrl) -> bool:
        self.opened.append(url)
        return True


def open_dialog(qtbot, window) -> ExportSummaryDialog:
    window.action_export_iteration.trigger()
    dialog = window.findChild(ExportSummaryDialog, "exportSummaryDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    # The window system makes a new dialog the active window; offscreen, the test does.
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.open_url = Opener()
    dialog.browse = lambda *_args: pytest.fail("the save dialog was opened")
    return dialog


def choose(dialog, iteration_id: int, path: Path) -> None:
    dialog.iteration_picker.setCurrentIndex(dialog.iteration_picker.findData(iteration_id))
    dialog.path_field.clear()
    QTest.keyClicks(dialog.path_field, str(path))


def erase(field, count: int) -> None:
    for _ in range(count):
        QTest.keyClick(field, Qt.Key.Key_Backspace)


def press_return(dialog) -> None:
    QTest.keyClick(dialog.path_field, Qt.Key.Key_Return)


def expected(window, iteration_id: int, fmt: str, page_size: str = "A4") -> bytes:
    return render(build_summary(window.session.board, iteration_id), fmt, page_size=page_size)


def read_pdf(qapp, path: Path) -> tuple[int, set[tuple[int, int]], str]:
    document = QPdfDocument(qapp)
    assert document.load(str(path)) == QPdfDocument.Error.None_
    pages = document.pageCount()
    sizes = {
        (round(s.width()), round(s.height())) for s in map(document.pagePointSize, range(pages))
    }
    text = " ".join(document.getAllText(n).text() for n in range(pages))
    document.close()
    return pages, sizes, text


@contextlib.contextmanager
def locale(territory: QLocale.Country):
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, territory))
    try:
        yield
    finally:
        QLocale.setDefault(before)


# --- the action ------------------------------------------------------------------------------


def test_the_file_menu_offers_the_export_and_it_opens_the_dialog(qtbot, window):
    file_menu = next(
        m for m in window.menuBar().findChildren(QMenu) if m.title() == "&File"
    )  # the menu bar's File menu
    action = window.findChild(type(window.action_export_iteration), "actionExportIteration")
    assert action is window.action_export_iteration
    assert action in file_menu.actions()
    assert action.shortcut().toString() == "Ctrl+Shift+E"
    assert action.isEnabled()
    dialog = open_dialog(qtbot, window)
    assert dialog.isModal() or dialog.windowModality() != Qt.WindowModality.NonModal
    assert dialog.parent() is window


def test_the_action_waits_for_an_iteration_that_has_started(qtbot, tmp_path, prompter):
    path = tmp_path / "empty.ldboard"
    Board.open(path).close()
    window = build_main_window(path, prompter=prompter)
    qtbot.addWidget(window)
    assert not window.action_export_iteration.isEnabled()
    window.session.perform(ops.create_iteration, "Sprint 1")
    assert not window.action_export_iteration.isEnabled()  # planned: nothing to report
    (iteration,) = window.session.board.iterations()
    window.session.perform(ops.start_iteration, iteration.id)
    assert window.action_export_iteration.isEnabled()


def test_only_planned_iterations_are_explained_and_nothing_can_be_exported(qtbot, tmp_path):
    board = Board.open(tmp_path / "planned.ldboard")
    ops.create_iteration(board, "Sprint 1")
    dialog = ExportSummaryDialog(board, folder=tmp_path, prompter=ScriptedPrompter())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.iteration_picker.count() == 0
    assert "No iteration has started yet" in dialog.message.text()
    assert dialog.message.isVisible()
    assert not dialog.export_button.isEnabled()
    board.close()


# --- defaults --------------------------------------------------------------------------------


def test_the_defaults_are_the_running_iteration_markdown_and_a_named_file(qtbot, window):
    dialog = open_dialog(qtbot, window)
    picker = dialog.iteration_picker
    assert [picker.itemData(i) for i in range(picker.count())] == [ACTIVE, CLOSED]
    assert picker.currentData() == ACTIVE
    board = window.session.board
    for row, (iteration_id, state) in enumerate(((ACTIVE, "running"), (CLOSED, "closed"))):
        iteration = board.iteration(iteration_id)
        start = friendly_date(iteration.start, board.today())
        end = friendly_date(iteration.end, board.today())
        assert picker.itemText(row).startswith(f"{iteration.name} — {start} – {end} · {state}")
    assert dialog.live_note.isVisible() and dialog.live_note.text() == LIVE_NOTE
    assert dialog.format() == "md"
    assert not dialog.page_size.isVisible()
    path = Path(dialog.path_field.text())
    assert path.name == f"{DEMO_NAME}.md"
    assert path.parent == Path.home()  # no Documents folder in the test's private home
    picker.setCurrentIndex(1)
    assert not dialog.live_note.isVisible()
    assert Path(dialog.path_field.text()).name.startswith("LD Product Board - Iteration 1 ")
    assert dialog.export_button.isDefault()


def test_labels_have_mnemonics_for_their_fields(qtbot, window):
    dialog = open_dialog(qtbot, window)
    buddies = {
        label.text(): label.buddy() for label in dialog.findChildren(QLabel) if "&" in label.text()
    }
    assert buddies == {
        "&Iteration:": dialog.iteration_picker,
        "&Format:": dialog.format_picker,
        "Page si&ze:": dialog.page_size,
        "&Save to:": dialog.path_field,
    }


@pytest.mark.parametrize(
    ("territory", "size"),
    [
        (QLocale.Country.UnitedStates, "Letter"),
        (QLocale.Country.Canada, "Letter"),
        (QLocale.Country.UnitedKingdom, "A4"),
        (QLocale.Country.Australia, "A4"),
    ],
)
def test_the_page_size_follows_the_locale(qtbot, window, territory, size):
    with locale(territory):
        assert default_page_size() == size
        dialog = open_dialog(qtbot, window)
        assert dialog.page_size.currentData() == size


def test_the_screen_on_show_picks_the_iteration(qtbot, window):
    window.open_view("retroView", CLOSED)
    dialog = open_dialog(qtbot, window)
    assert dialog.iteration_id() == CLOSED


def test_the_folder_and_format_of_the_last_export_are_remembered(qtbot, window, tmp_path):
    dialog = open_dialog(qtbot, window)
    target = tmp_path / "out" / "first.html"
    target.parent.mkdir()
    choose(dialog, CLOSED, target)
    press_return(dialog)
    assert target.exists()
    dialog.close_button.click()
    qtbot.waitUntil(lambda: window.findChild(ExportSummaryDialog) is None)  # not kept
    again = open_dialog(qtbot, window)
    assert again.format() == "html"
    assert Path(again.path_field.text()) == target.parent / f"{DEMO_NAME}.html"


# --- writing every format --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_each_text_format_writes_what_the_io_layer_renders(qtbot, window, tmp_path, fmt):
    dialog = open_dialog(qtbot, window)
    target = tmp_path / f"summary.{fmt}"
    choose(dialog, CLOSED, target)
    assert dialog.format() == fmt  # the typed extension picked it
    press_return(dialog)
    assert target.read_bytes() == expected(window, CLOSED, fmt)
    assert dialog.isVisible()  # it stays, offering to open the file
    assert dialog.written == target


def test_the_pdf_has_pages_of_the_chosen_size(qtbot, qapp, window, tmp_path):
    dialog = open_dialog(qtbot, window)
    target = tmp_path / "summary.pdf"
    choose(dialog, CLOSED, target)
    assert dialog.page_size.isVisible()
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("Letter"))
    dialog.export_button.click()
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    pages, sizes, text = read_pdf(qapp, target)
    assert pages >= 1
    assert sizes == {(612, 792)}  # US Letter in points
    summary = build_summary(window.session.board, CLOSED)
    for item in summary.items:
        assert item.key in text


def test_the_running_iteration_is_written_as_a_so_far_report(qtbot, window, tmp_path):
    dialog = open_dialog(qtbot, window)
    target = tmp_path / "live.json"
    choose(dialog, ACTIVE, target)
    press_return(dialog)
    written = json.loads(target.read_text())
    wanted = json.loads(expected(window, ACTIVE, "json"))
    assert written["live"] is True
    written.pop("as_of"), wanted.pop("as_of")  # the moment each was read
    assert written == wanted
    assert "so far" in dialog.message.text()


def test_the_work_is_shown_as_busy_before_it_starts(qtbot, window, tmp_path, monkeypatch):
    """The work holds the GUI thread, so the busy row must be painted before it starts."""
    import ldboard.ui.summary.dialog as module

    dialog = open_dialog(qtbot, window)
    painted = []

    class PaintWatcher(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                painted.append(watched)
            return False

    watcher = PaintWatcher(dialog)
    dialog.busy_bar.installEventFilter(watcher)
    seen = []
    real = module.export_summary

    def watched(*args, **kwargs):
        seen.append((bool(painted), dialog.busy_label.text(), dialog.path_field.isEnabled()))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "export_summary", watched)
    choose(dialog, CLOSED, tmp_path / "busy.pdf")
    press_return(dialog)
    assert seen == [(True, "Writing the PDF file…", False)]
    assert not dialog.busy.isVisible()
    assert dialog.path_field.isEnabled()
    assert (tmp_path / "busy.pdf").read_bytes().startswith(b"%PDF")


# --- format and extension --------------------------------------------------------------------


def test_the_format_sets_the_extension_and_a_typed_extension_sets_the_format(qtbot, window):
    dialog = open_dialog(qtbot, window)
    for fmt, extension in choices.EXTENSION.items():
        dialog.format_picker.setCurrentIndex(dialog.format_picker.findData(fmt))
        assert Path(dialog.path_field.text()).name == DEMO_NAME + extension
        assert dialog.page_size.isVisible() == (fmt == "pdf")
    dialog.path_field.clear()
    QTest.keyClicks(dialog.path_field, "/tmp/report.htm")
    assert dialog.format() == "html"
    erase(dialog.path_field, 4)
    QTest.keyClicks(dialog.path_field, ".pdf")
    assert dialog.format() == "pdf"
    assert dialog.page_size.isVisible()
    erase(dialog.path_field, 3)
    QTest.keyClicks(dialog.path_field, "txt")  # names no format: the format stays
    assert dialog.format() == "pdf"
    assert dialog.path_field.text() == "/tmp/report.txt"


def test_a_name_without_extension_gets_the_formats_one(qtbot, window, tmp_path):
    dialog = open_dialog(qtbot, window)
    dialog.format_picker.setCurrentIndex(dialog.format_picker.findData("csv"))
    choose(dialog, CLOSED, tmp_path / "plain")
    press_return(dialog)
    assert (tmp_path / "plain.csv").read_bytes() == expected(window, CLOSED, "csv")
    assert dialog.path_field.text() == str(tmp_path / "plain.csv")


def test_browse_fills_the_path_and_its_extension_picks_the_format(qtbot, window, tmp_path):
    dialog = open_dialog(qtbot, window)
    asked = []

    def browse(parent, suggested, fmt):
        asked.append((parent, suggested, fmt))
        return tmp_path / "chosen.json"

    dialog.browse = browse
    QTest.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert asked == [(dialog, Path.home() / f"{DEMO_NAME}.md", "md")]
    assert dialog.path_field.text() == str(tmp_path / "chosen.json")
    assert dialog.format() == "json"


def test_iterations_are_offered_running_first_then_the_last_closed_first():
    def iteration(number, state, closed_at=None):
        return Iteration(number, f"Sprint {number}", state=state, closed_at=closed_at)

    offered = choices.summarisable(
        [
            iteration(1, "closed", "2026-01-30T17:00:00Z"),
            iteration(2, "closed", "2026-03-13T17:00:00Z"),
            iteration(3, "closed", "2026-02-27T17:00:00Z"),
            iteration(4, "active"),
            iteration(5, "planned"),
        ]
    )
    assert [i.id for i in offered] == [4, 2, 3, 1]
    assert choices.default_choice(offered, preferred=3) == 2
    assert choices.default_choice(offered, preferred=5) == 0  # planned: not offered


def test_the_default_file_name_keeps_only_safe_characters():
    name = choices.default_file_name("L&D: Board/2026", 'Sprint 1.5 "Q4" <go>', "pdf")
    assert name == "LD Board2026 - Sprint 15 Q4 go.pdf"
    assert choices.default_file_name("///", "***", "md") == "Iteration summary.md"
    long = choices.default_file_name("Board", "word " * 60, "md")
    assert len(long) <= choices.MAX_STEM + 3 and long.endswith("word.md")


# --- failures --------------------------------------------------------------------------------


def test_an_unwritable_destination_is_explained_and_nothing_is_written(qtbot, window, tmp_path):
    dialog = open_dialog(qtbot, window)
    blocker = tmp_path / "file.txt"
    blocker.write_text("a file, not a folder")
    before = sorted(os.listdir(tmp_path))
    choose(dialog, CLOSED, blocker / "out.pdf")
    press_return(dialog)
    assert dialog.isVisible()
    text = dialog.message.text()
    assert "“out.pdf”" in text and str(blocker) in text
    assert "is a file, not a folder" in text
    assert dialog.message.property("kind") == "error"
    assert dialog.export_button.isVisible() and not dialog.open_button.isVisible()
    assert sorted(os.listdir(tmp_path)) == before
    assert window.statusBar().currentMessage() == ""
    QTest.keyClicks(dialog.path_field, "x")  # editing clears the error
    assert not dialog.message.isVisible()


@contextlib.contextmanager
def full_folder(tmp_path, monkeypatch):
    """A folder on a disk that is full: a small tmpfs filled up where this process may
    mount one, else a folder where flushing a file fails as it does on a full disk."""
    if can_mount():
        with small_disk(256) as folder:
            fill(folder)
            yield folder
        return

    def no_space(_descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("ldboard.io.atomic.os.fsync", no_space)
    yield tmp_path


def test_a_full_disk_is_explained_and_leaves_no_partial_file(qtbot, window, tmp_path, monkeypatch):
    dialog = open_dialog(qtbot, window)
    with full_folder(tmp_path, monkeypatch) as folder:
        before = sorted(os.listdir(folder))
        choose(dialog, CLOSED, folder / "summary.pdf")
        press_return(dialog)
        assert "“summary.pdf”" in dialog.message.text()
        assert "the disk is full" in dialog.message.text()
        assert sorted(os.listdir(folder)) == before  # no summary, no temporary file


def test_a_read_only_file_is_not_replaced(qtbot, window, tmp_path):
    dialog = open_dialog(qtbot, window)
    target = tmp_path / "kept.md"
    target.write_text("the sponsor's copy")
    target.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    choose(dialog, CLOSED, target)
    press_return(dialog)
    assert "“kept.md”" in dialog.message.text() and "read-only" in dialog.message.text()
    assert target.read_text() == "the sponsor's copy"
    assert window.prompter.asked == []  # refused before asking to replace it


def test_an_existing_file_is_replaced_only_when_the_person_agrees(
    qtbot, window, tmp_path, prompter
):
    dialog = open_dialog(qtbot, window)
    target = tmp_path / "old.md"
    target.write_text("last week's")
    prompter.answers = [False]
    choose(dialog, CLOSED, target)
    press_return(dialog)
    assert prompter.asked == [("confirm", f"“old.md” already exists in {tmp_path}. Replace it?")]
    assert target.read_text() == "last week's"
    prompter.answers = [True]
    press_return(dialog)
    assert target.read_bytes() == expected(window, CLOSED, "md")


def test_escape_cancels_without_writing(qtbot, window, tmp_path):
    dialog = open_dialog(qtbot, window)
    folder = tmp_path / "out"
    folder.mkdir()
    choose(dialog, CLOSED, folder / "never.md")
    QTest.keyClick(dialog.path_field, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert os.listdir(folder) == []


# --- after writing ---------------------------------------------------------------------------


def test_success_offers_open_and_show_in_folder_through_the_opener(qtbot, window, tmp_path):
    dialog = open_dialog(qtbot, window)
    target = tmp_path / "done.html"
    choose(dialog, CLOSED, target)
    with qtbot.waitSignal(dialog.exported) as signal:
        press_return(dialog)
    assert signal.args == [target]
    assert "“done.html”" in dialog.message.text()
    for button in (dialog.open_button, dialog.folder_button, dialog.close_button):
        assert button.isVisible()
    assert not dialog.export_button.isVisible()
    assert dialog.open_button.isDefault()
    assert str(target) in window.statusBar().currentMessage()
    press_return(dialog)  # Return now opens the file
    QTest.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert dialog.open_url.opened == [
        QUrl.fromLocalFile(str(target)),
        QUrl.fromLocalFile(str(tmp_path)),
    ]
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_a_read_only_board_can_still_export(qtbot, clock, tmp_path, prompter):
    with read_only_board(clock) as path:
        window = build_main_window(path, prompter=prompter)
        qtbot.addWidget(window)
        window.show()
        assert window.session.read_only
        assert window.action_export_iteration.isEnabled()
        dialog = open_dialog(qtbot, window)
        target = tmp_path / "from-read-only.md"
        choose(dialog, CLOSED, target)
        press_return(dialog)
        assert target.read_bytes() == expected(window, CLOSED, "md")
        window.close()
