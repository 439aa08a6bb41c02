"""File → Import → Results…: what a learning platform or a survey tool measured
becomes dated measurements of the board's items (and their actual values).

The dialog reads the CSV export (``ldboard.io.results_import``), shows its
columns with ldboard's guess of which one holds the item, the value, the date
and so on, and lets the person change that guess. Every change plans the
import again, writing nothing; below, the rows as they will be recorded (the
item each one was matched to, the date and number as read), or the problems
by line and field that must be fixed in the file first. Rows already recorded
are left out and said so. The import is one undo step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ldboard.io.csv_import import Table
from ldboard.io.results_import import (
    RESULT_FIELDS,
    ResultsMapping,
    ResultsPlan,
    import_results,
    plan_results_table,
    results_summary,
)
from ldboard.store import Change
from ldboard.ui.common import theme
from ldboard.ui.common.session import BoardSession, FailureHandler
from ldboard.ui.importing.base import (
    Chooser,
    ImportDialog,
    count,
    file_chooser,
)
from ldboard.ui.importing.mapped_csv import MappedCsv
from ldboard.ui.importing.preview import MappingPreview
from ldboard.ui.importing.results_rows import SHOWN_ROWS, RecordedRows

choose_results = file_chooser(
    "Import results", "Results exported as CSV (*.csv *.tsv *.txt);;All files (*)"
)


class ResultsImportDialog(MappedCsv, ImportDialog):
    MAPPING = ResultsMapping
    plan: ResultsPlan | None

    def __init__(
        self,
        session: BoardSession,
        *,
        folder: Path,
        parent: QWidget | None = None,
        chooser: Chooser = choose_results,
    ) -> None:
        super().__init__(
            session,
            folder=folder,
            chooser=chooser,
            prompt="Choose results exported from a learning platform or a survey tool as "
            "CSV: one row per result, naming the item (its key or exact title), the value "
            "and the date it was measured.",
            parent=parent,
        )
        self.setObjectName("resultsImportDialog")
        self.setWindowTitle("Import Results")
        self.table: Table | None = None
        self.mapping: ResultsMapping | None = None
        self.preview = MappingPreview(self, fields=RESULT_FIELDS)
        self.preview.mapping_changed.connect(self._mapping_changed)
        self.rows = RecordedRows(self)
        self.rows_note = QLabel()
        self.rows_note.setObjectName("resultsRowsNote")
        self.rows_note.setStyleSheet(f"color: {theme.MUTED_TEXT.name()};")
        self.rows_note.hide()
        # Hidden while nothing can be recorded, so the problems have the room.
        self.recorded = QWidget(self)
        recorded = QVBoxLayout(self.recorded)
        recorded.setContentsMargins(0, 0, 0, 0)
        recorded.addWidget(heading("What will be recorded", "the item, date and value as read"))
        recorded.addWidget(self.rows, 1)
        recorded.addWidget(self.rows_note)
        self.recorded.hide()
        self.body.addWidget(heading("The file", "above each column, the field it fills"))
        self.body.addWidget(self.preview, 2)
        self.body.addWidget(self.recorded, 3)
        self.resize(980, 700)

    def plan_table(self, table: Table, mapping: ResultsMapping) -> ResultsPlan:
        return plan_results_table(self.session.board, table, mapping)

    def plan_shown(self, plan: ResultsPlan | None) -> None:
        self._show_rows(plan)

    def _show_rows(self, plan: ResultsPlan | None) -> None:
        rows = plan.rows if plan is not None else ()
        directory = self.session.board.item_directory()
        self.rows.show_rows(rows, {item_id: (key, title) for item_id, key, title in directory})
        more = len(rows) > SHOWN_ROWS
        self.rows_note.setText(
            f"Showing the first {SHOWN_ROWS:,} of {len(rows):,} results." if more else ""
        )
        self.rows_note.setVisible(more)
        self.recorded.setVisible(bool(rows))

    # --- what the base asks ----------------------------------------------------------------

    def ready_text(self, plan: ResultsPlan) -> str:
        said = (
            f"Ready to record {count(len(plan.rows), 'result')} on "
            f"{count(plan.item_count, 'item')}; each item's newest result becomes its actual."
        )
        return " ".join([said, *plan.notices])

    def perform(self, report_to: FailureHandler) -> Change | None:
        return self.session.perform(import_results, self.plan, report_to=report_to)

    def summarise(self, change: Change) -> str:
        return results_summary(change)


def heading(title: str, hint: str) -> QLabel:
    muted = theme.MUTED_TEXT.name()
    return QLabel(f"<b>{title}</b> <span style='color: {muted};'>— {hint}</span>")
