"""Importing a spreadsheet saved as CSV into a board (no Qt; the CLI and GUI call this).

The steps, each usable alone so a preview can stop between them:

1. ``read_csv_file(path)`` / ``read_csv_bytes(data, name)`` → a ``Table``
   (encoding and delimiter found, rows with their line numbers, or problems);
2. ``ColumnMapping.guess(table.header)`` → which column feeds which field,
   changed with ``mapping.with_field(index, field)``;
3. ``plan_table(board, table, mapping)`` → an ``ImportPlan`` (nothing written);
4. ``ldboard.ops.importing.import_items(board, plan, create_columns=…)`` → one
   ``Change``, undone as one step with ``change.inverse()``.

``plan_csv_file(board, path)`` does steps 1–3 with the guessed mapping.
See docs/import-csv.md for what is recognised and refused.
"""

from ldboard.io.csv_import.mapping import FIELD_LABELS, SYNONYMS, ColumnMapping
from ldboard.io.csv_import.plan import describe, plan_csv_bytes, plan_csv_file, plan_table
from ldboard.io.csv_import.reading import MAX_BYTES, Row, Table, read_csv_bytes, read_csv_file
from ldboard.ops.importing import (
    ImportPlan,
    ImportRefused,
    ImportRow,
    import_items,
    import_summary,
)

__all__ = [
    "FIELD_LABELS",
    "MAX_BYTES",
    "SYNONYMS",
    "ColumnMapping",
    "ImportPlan",
    "ImportRefused",
    "ImportRow",
    "Row",
    "Table",
    "describe",
    "import_items",
    "import_summary",
    "plan_csv_bytes",
    "plan_csv_file",
    "plan_table",
    "read_csv_bytes",
    "read_csv_file",
]
