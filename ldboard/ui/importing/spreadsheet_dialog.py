"""File → Import → Spreadsheet…: a backlog kept in Excel, LibreOffice or Google
Sheets, saved as CSV, becomes cards on the board.

The dialog reads the file (``ldboard.io.csv_import``), shows its first rows
with ldboard's guess of which column feeds which field, and lets the person
change that guess. Every change plans the import again, writing nothing, so
what the dialog says ("23 items, 2 new tags" or the problems by line) is what
the import will do. Stages the board has no column for are listed, and the
import waits until the person agrees to create them. The import itself is one
``ops.import_items`` through the session: one transaction, one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ldboard.io.csv_import import (
    ColumnMapping,
    ImportPlan,
    Table,
    import_summary,
    plan_table,
    read_csv_file,
)
from ldboard.ops.importing import import_items
from ldboard.ui.common import theme
from ldboard.ui.common.session import BoardSession
from ldboard.ui.importing.preview import MappingPreview

#: Problems listed in the dialog (the rest are counted).
SHOWN_PROBLEMS = 50
FILE_FILTER = "Spreadsheets saved as CSV (*.csv *.tsv *.txt);;All files (*)"


def choose_csv(parent: QWidget, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Import a spreadsheet", str(folder), FILE_FILTER)
    return Path(name) if name else None


class SpreadsheetImportDialog(QDialog):
    def __init__(
        self,
        session: BoardSession,
        *,
        folder: Path,
        parent: QWidget | None = None,
        chooser: Callable[[QWidget, Path], Path | None] = choose_csv,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("spreadsheetImportDialog")
        self.setWindowTitle("Import a Spreadsheet")
        self.session = session
        self.folder = folder
        self.chooser = chooser
        self.table: Table | None = None
        self.mapping: ColumnMapping | None = None
        self.plan: ImportPlan | None = None
        #: What the import reported, once done.
        self.result = ""

        self.file_label = QLabel("Choose a spreadsheet saved as CSV (comma, semicolon or tab).")
        self.file_label.setObjectName("importFile")
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton("&Choose File…")
        self.choose_button.setObjectName("importChooseFile")
        self.choose_button.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)

        self.preview = MappingPreview(self)
        self.preview.mapping_changed.connect(self._mapping_changed)
        hint = QLabel(
            "Above each column, choose the field it fills. Columns set to "
            "“not imported” are left out."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {theme.MUTED_TEXT.name()};")
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.create_columns = QCheckBox()
        self.create_columns.setObjectName("importCreateColumns")
        self.create_columns.toggled.connect(self._update_button)
        self.create_columns.hide()
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("importProblems")
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(140)
        self.problems.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.preview, 1)
        layout.addWidget(hint)
        layout.addWidget(self.status)
        layout.addWidget(self.create_columns)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.resize(900, 560)

    # --- reading ------------------------------------------------------------------------

    def choose_file(self) -> None:
        path = self.chooser(self, self.folder)
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> None:
        """Read ``path`` and plan its import with the guessed mapping."""
        self.folder = path.parent
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            table = read_csv_file(path)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.table = table
        if table.problems:
            self.mapping = None
            self.plan = None
            self.preview.clear()
            self.preview.setRowCount(0)
            self.preview.setColumnCount(0)
            self.file_label.setText(f"<b>{_escaped(path.name)}</b> cannot be imported.")
            self._show_problems(table.problems)
            self._update_button()
            return
        self.file_label.setText(
            f"<b>{_escaped(path.name)}</b>: {len(table.rows):,} rows, read as "
            f"{_escaped(table.encoding)}, separated by {_escaped(table.delimiter_name)}."
        )
        self.mapping = ColumnMapping.guess(table.header)
        self.preview.show_table(table, self.mapping)
        self.replan()

    def _mapping_changed(self, mapping: ColumnMapping) -> None:
        self.mapping = mapping
        self.replan()

    def replan(self) -> None:
        """Plan the import again for the current mapping (nothing is written)."""
        if self.table is None or self.mapping is None:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.plan = plan_table(self.session.board, self.table, self.mapping)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_plan(self.plan)

    # --- what the plan says ----------------------------------------------------------------

    def _show_plan(self, plan: ImportPlan) -> None:
        if plan.problems:
            self._show_problems(plan.problems)
        else:
            self.problems.hide()
            made = [_count(len(plan.rows), "item")]
            if plan.new_tags:
                made.append(_count(len(plan.new_tags), "new tag"))
            if plan.new_people:
                made.append(_count(len(plan.new_people), "new person", "new people"))
            notices = " ".join(plan.notices)
            self.status.setStyleSheet("")
            self.status.setText(f"Ready to import {', '.join(made)}. {notices}".strip())
        if plan.new_columns and not plan.problems:
            names = ", ".join(f"“{name}”" for name in plan.new_columns)
            self.create_columns.setText(
                f"&Add the stages this board does not have as new columns: {names}"
            )
            self.create_columns.show()
        else:
            self.create_columns.setChecked(False)
            self.create_columns.hide()
        self._update_button()

    def _show_problems(self, problems: list[str] | tuple[str, ...]) -> None:
        shown = list(problems[:SHOWN_PROBLEMS])
        more = len(problems) - len(shown)
        self.problems.setPlainText("\n".join(shown) + (f"\n… and {more} more" if more else ""))
        self.problems.show()
        self.status.setStyleSheet(f"color: {theme.DANGER.name()};")
        self.status.setText(
            f"Nothing can be imported until {_count(len(problems), 'problem')} "
            "below are fixed in the file (or a column is set to “not imported”)."
        )

    def _update_button(self, *_args: object) -> None:
        plan = self.plan
        ready = plan is not None and plan.ok and not self.session.read_only
        if ready and plan.new_columns and not self.create_columns.isChecked():
            ready = False
        self.import_button.setEnabled(bool(ready))

    # --- importing -----------------------------------------------------------------------------

    def run_import(self) -> None:
        if self.plan is None or not self.import_button.isEnabled():
            return
        failures: list[str] = []
        change = self.session.perform(
            import_items,
            self.plan,
            create_columns=self.create_columns.isChecked(),
            report_to=lambda failure: failures.append(failure.message),
        )
        if change is None:
            self._show_problems(failures or ["The import changed nothing."])
            return
        self.result = import_summary(change)
        self.accept()


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number:,} {one if number == 1 else (many or one + 's')}"


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
