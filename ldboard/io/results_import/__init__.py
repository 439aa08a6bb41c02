"""Importing results from a learning platform or a survey tool as measurements (no Qt).

A results file is a CSV with, per row, the item (its key, or its exact title),
a value and the date it was measured; optionally a label ("Baseline", "Pilot",
"30 days"), a source and a Kirkpatrick level. The steps:

1. ``read_csv_file(path)`` → a ``Table`` (the spreadsheet import's reader:
   encodings, delimiters and size limits are the same);
2. ``ResultsMapping.guess(table.header)`` → which column feeds which field;
3. ``plan_results_table(board, table, mapping)`` → a ``ResultsPlan``;
4. ``ldboard.ops.measuring.import_results(board, plan)`` → one ``Change``.

See docs/import-results.md.
"""

from ldboard.io.results_import.columns import (
    RESULT_FIELDS,
    RESULT_SYNONYMS,
    ResultsMapping,
)
from ldboard.io.results_import.plan import (
    describe,
    plan_results_bytes,
    plan_results_file,
    plan_results_table,
)
from ldboard.ops.measuring import (
    MeasurementRow,
    ResultsPlan,
    import_results,
    results_summary,
)

__all__ = [
    "RESULT_FIELDS",
    "RESULT_SYNONYMS",
    "MeasurementRow",
    "ResultsMapping",
    "ResultsPlan",
    "describe",
    "import_results",
    "plan_results_bytes",
    "plan_results_file",
    "plan_results_table",
    "results_summary",
]
