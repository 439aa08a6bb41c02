"""File → Import → Spreadsheet (CSV)…: a backlog kept in Excel, LibreOffice or
Google Sheets, saved as CSV, becomes cards on the board.

The dialog reads the file (``ldboard.io.csv_import``), shows its first rows
with ldboard's guess of which column feeds which field, and lets the person
change that guess. Every change plans the import again, writing nothing, so
what the dialog says ("23 items, 2 new tags" or the problems by line) is what
the import will do. Stages the board has no column for are listed, and the
import waits until the person agrees to create them (``base.py``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

from ldboard.io.csv_import import ColumnMapping, ImportPlan, Table, plan_table
from ldboard.ui.common import theme
from ldboard.ui.common.session import BoardSession
from ldboard.ui.importing.base import (
    Chooser,
    ItemImportDialog,
    file_chooser,
)
from ldboard.ui.importing.mapped_csv import MappedCsv
from ldboard.ui.importing.preview import MappingPreview

choose_csv = file_chooser(
    "Import a spreadsheet", "Spreadsheets saved as CSV (*.csv *.tsv *.txt);;All files (*)"
)


class SpreadsheetImportDialog(MappedCsv, ItemImportDialog):
    MAPPING = ColumnMapping

    def __init__(
        self,
        session: BoardSession,
        *,
        folder: Path,
        parent: QWidget | None = None,
        chooser: Chooser = choose_csv,
    ) -> None:
        super().__init__(
            session,
            folder=folder,
            chooser=chooser,
            prompt="Choose a spreadsheet saved as CSV (comma, semicolon or tab).",
            parent=parent,
        )
        self.setObjectName("spreadsheetImportDialog")
        self.setWindowTitle("Import a Spreadsheet")
        self.table: Table | None = None
        self.mapping: ColumnMapping | None = None
        self.preview = MappingPreview(self)
        self.preview.mapping_changed.connect(self._mapping_changed)
        hint = QLabel(
            "Above each column, choose the field it fills. Columns set to "
            "“not imported” are left out."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {theme.MUTED_TEXT.name()};")
        self.body.addWidget(self.preview, 1)
        self.body.addWidget(hint)
        self.resize(900, 560)

    def plan_table(self, table: Table, mapping: ColumnMapping) -> ImportPlan:
        return plan_table(self.session.board, table, mapping)
