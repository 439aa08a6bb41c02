"""The steps an import dialog of a CSV file with a column mapping goes through.

The spreadsheet and the results imports both read a file, show its first rows
under a field picker per column (``preview.MappingPreview``), and plan the
import again, writing nothing, each time a picker changes. This mixin holds
those steps; a dialog names its mapping class and how it plans a table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ldboard.io.csv_import import Table, read_csv_file
from ldboard.io.csv_import.mapping import HeaderMapping
from ldboard.ui.importing.base import table_text, waiting


class MappedCsv:
    """Mixed into an ``ImportDialog`` that has a ``preview`` (a ``MappingPreview``)."""

    #: The mapping class of this kind of file (headers guessed by it).
    MAPPING: type[HeaderMapping]
    table: Table | None = None
    mapping: HeaderMapping | None = None

    def plan_table(self, table: Table, mapping: Any) -> Any:
        """The import plan of ``table`` read through ``mapping`` (nothing written)."""
        raise NotImplementedError

    def plan_shown(self, plan: Any | None) -> None:
        """Called after every plan is shown (``None``: the file was refused)."""

    def load(self, path: Path) -> None:
        """Read ``path`` and plan its import with the guessed mapping."""
        self.folder = path.parent
        with waiting():
            table = read_csv_file(path)
        self.table = table
        if table.problems:
            self.mapping = None
            self.preview.forget()
            self.plan_shown(None)
            self.refuse_file(path, table.problems)
            return
        self.file_label.setText(table_text(path, table))
        self.mapping = self.MAPPING.guess(table.header)
        self.preview.show_table(table, self.mapping)
        self.replan()

    def _mapping_changed(self, mapping: HeaderMapping) -> None:
        self.mapping = mapping
        self.replan()

    def replan(self) -> None:
        """Plan the import again for the current mapping (nothing is written)."""
        if self.table is None or self.mapping is None:
            return
        with waiting():
            plan = self.plan_table(self.table, self.mapping)
        self.show_plan(plan)
        self.plan_shown(plan)
