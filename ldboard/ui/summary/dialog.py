"""File → Export Iteration Summary…: pick an iteration, a format and a file, write it.

The summary is built and rendered by ``ldboard.io`` (the same code as
``ldboard export``), so a file written here is byte for byte what the command
line writes. The dialog only reads the board, so it works on read-only boards.

Rendering stays on the GUI thread: the PDF is laid out by ``QTextDocument`` and
``QPdfWriter``, which must not be used from another thread. A PDF of 500 items
takes up to a second, so the dialog shows that it is working (a busy bar and
a wait cursor, painted before the work starts) and takes no input meanwhile.

A failed write is told inside the dialog, naming the file and the reason, and
the dialog stays open with everything as chosen; the io layer writes through a
temporary file, so nothing partial is ever left at the destination. After a
successful write the dialog offers to open the file or its folder; how it
opens them is injectable so tests never launch anything.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.model import Iteration
from ldboard.io.export import export_summary
from ldboard.io.summary import SummaryError, build_summary
from ldboard.store import Board
from ldboard.ui.common import theme
from ldboard.ui.common.iteration_text import iteration_dates
from ldboard.ui.common.prompts import Prompter
from ldboard.ui.summary.choices import (
    EXTENSION,
    FORMAT_LABELS,
    PAGE_SIZES,
    default_choice,
    default_file_name,
    format_of_text,
    summarisable,
    target_path,
    with_format,
    write_problem,
)

#: Asks where to write: (parent, suggested path, format) -> the chosen path, or ``None``.
Browse = Callable[[QWidget, Path, str], Path | None]
#: Opens a file or a folder the way the desktop does.
OpenUrl = Callable[[QUrl], object]

TITLE = "Export Iteration Summary"
LIVE_NOTE = "The iteration is still running: the summary reports it so far."
ONLY_PLANNED = (
    "No iteration has started yet: a summary can be written for a running or a closed "
    "iteration. Start one from the Iteration menu."
)
FORMAT_NAMES = {"md": "Markdown", "html": "HTML", "pdf": "PDF", "csv": "CSV", "json": "JSON"}
NAME_FILTERS = {
    "md": "Markdown (*.md *.markdown)",
    "html": "Web pages (*.html *.htm)",
    "pdf": "PDF documents (*.pdf)",
    "csv": "CSV spreadsheets (*.csv)",
    "json": "JSON data (*.json)",
}


def default_page_size(locale: QLocale | None = None) -> str:
    """Letter where it is the paper people buy (the United States and Canada), else A4."""
    territory = (locale or QLocale()).territory()
    return "Letter" if territory in (QLocale.Country.UnitedStates, QLocale.Country.Canada) else "A4"


def ask_save_path(parent: QWidget, suggested: Path, fmt: str) -> Path | None:
    """Qt's save dialog (it asks before replacing a file)."""
    name, _ = QFileDialog.getSaveFileName(parent, TITLE, str(suggested), NAME_FILTERS[fmt])
    return Path(name) if name else None


class ExportSummaryDialog(QDialog):
    """Writes one iteration's summary; ``exported`` carries the file written."""

    exported = Signal(object)  # the Path written

    def __init__(
        self,
        board: Board,
        *,
        folder: Path,
        prompter: Prompter,
        preferred: int | None = None,
        fmt: str = "md",
        browse: Browse = ask_save_path,
        open_url: OpenUrl = QDesktopServices.openUrl,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportSummaryDialog")
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.board = board
        self.folder = folder
        self.prompter = prompter
        self.browse = browse
        self.open_url = open_url
        #: The file the save dialog already agreed to replace.
        self._confirmed: Path | None = None
        #: The file last written (what Open and Show in Folder open).
        self.written: Path | None = None
        self.iterations = summarisable(board.iterations())
        self._build()
        self._fill(preferred, fmt if fmt in EXTENSION else "md")

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        column = QVBoxLayout(self)
        intro = QLabel(
            "What an iteration achieved and learned, for sponsors, stakeholders and "
            "the team's records.",
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet(f"color: {theme.MUTED_TEXT.name()};")
        column.addWidget(intro)

        self.form = QFormLayout()
        self.iteration_picker = self._combo("iterationPicker", "Iteration")
        self.live_note = QLabel(LIVE_NOTE, self)
        self.live_note.setObjectName("liveNote")
        self.live_note.setWordWrap(True)
        self.live_note.setStyleSheet(f"color: {theme.WARNING.name()};")
        self.format_picker = self._combo("formatPicker", "Format")
        for fmt, label in FORMAT_LABELS:
            self.format_picker.addItem(label, fmt)
        self.page_size = self._combo("pageSize", "Page size")
        for size in PAGE_SIZES:
            self.page_size.addItem(size, size)
        self.path_field = QLineEdit(self)
        self.path_field.setObjectName("pathField")
        self.path_field.setAccessibleName("File to write")
        self.path_field.setMinimumWidth(520)
        self.browse_button = QPushButton("&Browse…", self)
        self.browse_button.setObjectName("browseButton")
        self.browse_button.setAutoDefault(False)
        destination = QHBoxLayout()
        destination.addWidget(self.path_field, 1)
        destination.addWidget(self.browse_button)
        chosen = QVBoxLayout()  # the note sits right under the iteration it is about
        chosen.setSpacing(2)
        chosen.addWidget(self.iteration_picker)
        chosen.addWidget(self.live_note)
        self.form.addRow(self._label("&Iteration:", self.iteration_picker), chosen)
        self.form.addRow(self._label("&Format:", self.format_picker), self.format_picker)
        self.form.addRow(self._label("Page si&ze:", self.page_size), self.page_size)
        self.form.addRow(self._label("&Save to:", self.path_field), destination)
        column.addLayout(self.form)

        self.busy = QWidget(self)
        self.busy.setObjectName("exportProgress")
        busy_row = QHBoxLayout(self.busy)
        busy_row.setContentsMargins(0, 0, 0, 0)
        self.busy_label = QLabel(self.busy)
        self.busy_bar = QProgressBar(self.busy)
        self.busy_bar.setRange(0, 0)  # busy: the renderers report no steps
        self.busy_bar.setAccessibleName("Writing the summary")
        busy_row.addWidget(self.busy_label)
        busy_row.addWidget(self.busy_bar, 1)
        self.busy.hide()
        column.addWidget(self.busy)

        self.message = QLabel(self)
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        column.addWidget(self.message)
        column.addStretch(1)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self._button("&Export", "exportButton", self.export)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.clicked.connect(self.reject)
        self.open_button = self._button("&Open", "openButton", self.open_file)
        self.folder_button = self._button("Show in Fol&der", "showFolderButton", self.show_folder)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.accept)
        column.addWidget(self.buttons)
        self._set_done(False)

        self.iteration_picker.currentIndexChanged.connect(self._iteration_changed)
        self.format_picker.currentIndexChanged.connect(self._format_changed)
        self.page_size.currentIndexChanged.connect(self._edited)
        self.path_field.textEdited.connect(self._path_edited)
        self.browse_button.clicked.connect(self.choose_path)

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        return combo

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        self.buttons.addButton(
            button,
            QDialogButtonBox.ButtonRole.AcceptRole
            if name == "exportButton"
            else QDialogButtonBox.ButtonRole.ActionRole,
        )
        button.clicked.connect(slot)
        return button

    def _fill(self, preferred: int | None, fmt: str) -> None:
        today = self.board.today()
        for iteration in self.iterations:
            self.iteration_picker.addItem(
                f"{iteration.name} — {iteration_dates(iteration, today)}", iteration.id
            )
        self.iteration_picker.setCurrentIndex(default_choice(self.iterations, preferred))
        self.format_picker.setCurrentIndex(self.format_picker.findData(fmt))
        self.page_size.setCurrentIndex(self.page_size.findData(default_page_size()))
        if not self.iterations:
            self._show_message(ONLY_PLANNED, error=True)
            for widget in (self.iteration_picker, self.path_field, self.browse_button):
                widget.setEnabled(False)
            self.export_button.setEnabled(False)
        self._iteration_changed()
        self._show_page_size()

    # --- what is chosen ------------------------------------------------------------------

    def iteration_id(self) -> int | None:
        data = self.iteration_picker.currentData()
        return data if isinstance(data, int) else None

    def format(self) -> str:
        return str(self.format_picker.currentData())

    def target(self) -> Path | None:
        return target_path(self.path_field.text(), self.format(), self.folder)

    def _iteration(self) -> Iteration | None:
        return next((i for i in self.iterations if i.id == self.iteration_id()), None)

    def _iteration_changed(self, *_args: object) -> None:
        iteration = self._iteration()
        self.live_note.setVisible(iteration is not None and iteration.state == "active")
        if iteration is not None:
            name = default_file_name(self.board.name, iteration.name, self.format())
            folder = self.target().parent if self.path_field.text().strip() else self.folder
            self.path_field.setText(str(folder / name))
            self._confirmed = None
        self._edited()

    def _format_changed(self, *_args: object) -> None:
        self.path_field.setText(with_format(self.path_field.text(), self.format()))
        self._show_page_size()
        self._edited()

    def _show_page_size(self) -> None:
        self.form.setRowVisible(self.page_size, self.format() == "pdf")

    def _path_edited(self, text: str) -> None:
        """A typed extension that names a format picks that format."""
        self._confirmed = None
        named = format_of_text(text)
        if named is not None and named != self.format():
            self.format_picker.blockSignals(True)
            self.format_picker.setCurrentIndex(self.format_picker.findData(named))
            self.format_picker.blockSignals(False)
            self._show_page_size()
        self._edited()

    def _edited(self, *_args: object) -> None:
        """Something changed after a write or a failure: back to choosing."""
        if self.written is not None or self.message.property("kind") == "error":
            if self.iterations:
                self.message.hide()
                self.message.setProperty("kind", "")
            self._set_done(False)

    def choose_path(self) -> None:
        suggested = self.target() or self.folder
        chosen = self.browse(self, suggested, self.format())
        if chosen is None:
            return
        self.path_field.setText(str(chosen))
        self._path_edited(str(chosen))
        self._confirmed = self.target()

    # --- writing -------------------------------------------------------------------------

    def export(self) -> bool:
        """Build and write the summary; ``True`` if the file was written."""
        iteration, path = self._iteration(), self.target()
        if iteration is None:
            return False
        if path is None:
            self._show_message("Choose where to write the summary.", error=True)
            self.path_field.setFocus()
            return False
        self.path_field.setText(str(path))
        problem = self._existing_file_problem(path)
        if problem:
            self._show_message(problem, error=True)
            return False
        if path.exists() and path != self._confirmed and not self._replace_agreed(path):
            return False
        self._set_busy(f"Writing the {FORMAT_NAMES[self.format()]} file…")
        try:
            summary = build_summary(self.board, iteration.id)
            export_summary(summary, self.format(), path, page_size=self.page_size.currentData())
        except SummaryError as error:
            self._show_message(str(error)[:1].upper() + str(error)[1:], error=True)
            return False
        except OSError as error:
            self._show_message(write_problem(path, error), error=True)
            return False
        finally:
            self._set_busy("")
        self.written = path
        self._set_done(True)
        state = " so far" if summary.live else ""
        self._show_message(
            f"Wrote the summary of “{summary.name}”{state} to “{path.name}” in {path.parent}.",
            error=False,
        )
        self.exported.emit(path)
        return True

    def _replace_agreed(self, path: Path) -> bool:
        question = f"“{path.name}” already exists in {path.parent}. Replace it?"
        return self.prompter.confirm(TITLE, question, "Replace")

    def _existing_file_problem(self, path: Path) -> str:
        """Why an existing ``path`` must not be replaced ("" if it may be). Checked by
        its permission bits, not by ``os.access``: that says yes to root."""
        if path.is_dir():
            return f"“{path}” is a folder: give the name of the file to write."
        try:
            mode = path.stat().st_mode
        except OSError:
            return ""
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            return (
                f"“{path.name}” in {path.parent} is read-only, so it was not replaced. "
                "Choose another name, or make the file writable first."
            )
        return ""

    def _set_busy(self, text: str) -> None:
        """Show (``text``) or hide the busy row. It is painted before the work starts:
        the work holds the GUI thread, so nothing would be drawn until it ends."""
        working = bool(text)
        for widget in self._inputs():
            widget.setEnabled(not working)
        if working:
            self.message.hide()
            self.busy_label.setText(text)
            self.busy.show()
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        else:
            self.busy.hide()
            QApplication.restoreOverrideCursor()

    def _inputs(self) -> list[QWidget]:
        return [
            self.iteration_picker,
            self.format_picker,
            self.page_size,
            self.path_field,
            self.browse_button,
            self.buttons,
        ]

    def _show_message(self, text: str, *, error: bool) -> None:
        colour = theme.DANGER if error else theme.SUCCESS
        self.message.setProperty("kind", "error" if error else "done")
        self.message.setStyleSheet(f"color: {colour.name()};")
        self.message.setText(text)
        self.message.show()

    def _set_done(self, done: bool) -> None:
        """Before a write: Export and Cancel. After it: Open, Show in Folder, Close."""
        if not done:
            self.written = None
        for button in (self.export_button, self.cancel_button):
            button.setVisible(not done)
        for button in (self.open_button, self.folder_button, self.close_button):
            button.setVisible(done)
        default = self.open_button if done else self.export_button
        default.setDefault(True)
        (self.export_button if done else self.open_button).setDefault(False)

    # --- after writing -------------------------------------------------------------------

    def open_file(self) -> None:
        if self.written is not None:
            self.open_url(QUrl.fromLocalFile(str(self.written)))

    def show_folder(self) -> None:
        if self.written is not None:
            self.open_url(QUrl.fromLocalFile(str(self.written.parent)))
