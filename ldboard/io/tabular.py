"""The iteration summary as CSV: one row per item that took part in the iteration.

Every row starts with the iteration's name and ends with the item's status at
close (or now, for a live report). A spreadsheet must never run user text as a
formula, so a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
return or NUL gets a leading single quote (OWASP's advice). Numbers the export
itself writes (a negative baseline, say) are neutralised the same way: a quote
before a number is safer than a guess about which cells a spreadsheet evaluates.
"""

from __future__ import annotations

import csv
import io
from dataclasses import fields
from typing import Any

from ldboard.io.summary import IterationSummary, SummaryItem

#: Characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
#: The item columns, after ``iteration`` and before ``status``.
ITEM_COLUMNS = tuple(f.name for f in fields(SummaryItem) if f.name != "status")
HEADER = ("iteration", *ITEM_COLUMNS, "status")


def neutralise(cell: str) -> str:
    """``cell`` made safe to open in a spreadsheet."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def cell_text(value: Any) -> str:
    """A value as CSV text: booleans as 1/0, ``None`` as empty, lists joined by "; "."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple | list):
        return "; ".join(str(part) for part in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render_csv(summary: IterationSummary) -> str:
    """The CSV text (``\\r\\n`` row ends, as the csv module writes them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for item in summary.items:
        row = [summary.name, *(getattr(item, name) for name in ITEM_COLUMNS), item.status]
        writer.writerow([neutralise(cell_text(value)) for value in row])
    return buffer.getvalue()
