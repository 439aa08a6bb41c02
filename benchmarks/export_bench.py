"""Iteration summary exports: a closed iteration of 500 items in every format.

The board comes from ``iterations_bench.prepare_board`` (a generated board
whose active iteration holds 500 items: 450 committed, 50 added after the
start, 100 of them done, about half of those with a hypothesis). The
iteration is then closed through ``ops.close_iteration``, as the close dialog
does: every done item with a hypothesis gets a verdict and an actual value,
every other unfinished item goes to the next iteration, the rest to the
backlog. A few retrospective entries and actions are written through ``ops``
too. The summary is therefore told from the iteration's snapshot, as every
closed iteration's is.

Measured in this process, each figure the median of ``--repeats`` runs:

* **build**: ``build_summary(board, id)`` alone (reading the snapshot, the
  stories as at close, the people and the retrospective);
* **md, html, csv, json, pdf**: ``build_summary`` + ``render(summary, fmt)``,
  what File → Export Iteration Summary… and ``ldboard export`` do before
  writing the bytes (the atomic write is left out: it is the disk's time, not
  the renderer's).

References, measured in the same run on the same board:

* for build, ``board.scope(id)`` read into (key, title) pairs: the iteration's
  items from the board, without the snapshot, the stories, people or
  retrospective;
* for md, html, csv and json, the plainest rendering of the same 500 items:
  ``board.scope(id)`` read, then one line per item with only its key and title
  (a Markdown table row, an escaped HTML table row, a ``csv.writer`` row, a
  ``json.dumps`` of key and title). It shows what the real renderer costs
  beyond reading the iteration and writing a line per item: the ratio is the
  price of the headline numbers, the learning, the business impact, the
  retrospective, the thanks and the escaping;
* for PDF, a ``QTextDocument`` of the same 500 plain "key title" lines
  printed through ``QPdfWriter`` on A4 at the same resolution and margins as
  ldboard's PDF: the cost of Qt's layout and PDF writing for that many lines,
  which no PDF of the summary can avoid.

Budgets (docs/performance.md): Markdown and HTML ≤ 200 ms, PDF ≤ 1 s; csv and
json and build alone are reported without one. The exit status is 1 when a
figure misses its budget. Run::

    .venv/bin/python benchmarks/export_bench.py [--repeats 9] [--profile DIR]
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # headless, and before any Qt import

import argparse
import csv
import html
import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import HERE, cpu_gauge_ms, print_table, profiled, save_results, verdict_row
from iterations_bench import prepare_board

from ldboard import ops
from ldboard.io.export import render
from ldboard.io.pdf import MARGIN_MM
from ldboard.io.summary import build_summary
from ldboard.store import Board

#: docs/performance.md: an iteration summary of 500 items.
BUDGETS: dict[str, float | None] = {
    "build": None,
    "md": 200.0,
    "html": 200.0,
    "csv": None,
    "json": None,
    "pdf": 1000.0,
}
LABELS = {
    "build": "build summary",
    "md": "build + Markdown",
    "html": "build + HTML",
    "csv": "build + CSV",
    "json": "build + JSON",
    "pdf": "build + PDF",
}
UNITS = dict.fromkeys(BUDGETS, "ms")
#: Items in the iteration (what ``prepare_board`` puts there).
ITERATION_ITEMS = 500
#: Backlog items beside the iteration: they should cost the summary nothing.
BACKLOG = 1000


# --- the board ------------------------------------------------------------------------------


def close_with_snapshot(path: Path) -> dict[str, Any]:
    """Close the board's active iteration through ``ops``; what it holds."""
    board = Board.open(path)
    try:
        (active,) = [i for i in board.iterations() if i.state == "active"]
        preview = ops.close_preview(board, active.id)
        verdicts = {
            line.item_id: (("validated", "invalidated", "inconclusive")[n % 3], str(40 + n))
            for n, line in enumerate(preview.to_verdict)
        }
        unfinished = {
            line.item_id: (ops.NEXT_ITERATION if n % 2 else None)
            for n, line in enumerate(preview.unfinished)
        }
        for n in range(6):
            ops.add_retro_entry(board, active.id, "went_well", f"Pilot region {n} signed off early")
            ops.add_retro_entry(board, active.id, "to_improve", f"Sponsor review {n} came late")
            ops.add_retro_entry(board, active.id, "action", f"Book the region {n} sponsor review")
        ops.close_iteration(board, active.id, unfinished=unfinished, verdicts=verdicts)
        board.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        snapshot = board.snapshot(active.id)
        if snapshot is None or len(snapshot.items) != ITERATION_ITEMS:
            raise RuntimeError("the closed iteration's snapshot does not hold its 500 items")
        return {
            "iteration_id": active.id,
            "snapshot_items": len(snapshot.items),
            "verdicts": len(verdicts),
            "unfinished": len(unfinished),
        }
    finally:
        board.close()


# --- the references -------------------------------------------------------------------------


def plain_lines(board: Board, iteration_id: int) -> list[tuple[str, str]]:
    return [(line.key, line.title) for line in board.scope(iteration_id)]


def reference_md(board: Board, iteration_id: int) -> bytes:
    rows = plain_lines(board, iteration_id)
    return "\n".join(f"| {key} | {title} |" for key, title in rows).encode()


def reference_html(board: Board, iteration_id: int) -> bytes:
    rows = plain_lines(board, iteration_id)
    cells = "".join(
        f"<tr><td>{html.escape(key)}</td><td>{html.escape(title)}</td></tr>" for key, title in rows
    )
    return f"<table>{cells}</table>".encode()


def reference_csv(board: Board, iteration_id: int) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(plain_lines(board, iteration_id))
    return out.getvalue().encode()


def reference_json(board: Board, iteration_id: int) -> bytes:
    rows = plain_lines(board, iteration_id)
    return json.dumps([{"key": key, "title": title} for key, title in rows]).encode()


def reference_pdf(board: Board, iteration_id: int) -> bytes:
    """The same 500 lines as plain text, paginated by QTextDocument into QPdfWriter."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    text = "\n".join(f"{key} {title}" for key, title in plain_lines(board, iteration_id))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(300)
    document = QTextDocument()
    document.setPlainText(text)
    document.print_(writer)
    buffer.close()
    return bytes(data.data())


REFERENCES: dict[str, Callable[[Board, int], bytes]] = {
    "md": reference_md,
    "html": reference_html,
    "csv": reference_csv,
    "json": reference_json,
    "pdf": reference_pdf,
}


# --- measuring ------------------------------------------------------------------------------


def timed(function: Callable[[], object], repeats: int) -> tuple[list[float], object]:
    """Milliseconds of each of ``repeats`` calls (after one warm-up call), and a result."""
    result = function()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples, result


def measure(path: Path, iteration_id: int, repeats: int, profile: Path | None) -> dict[str, Any]:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # fonts for the PDFs
    board = Board.open(path)
    figures: dict[str, Any] = {}
    try:
        samples, summary = timed(lambda: build_summary(board, iteration_id), repeats)
        if summary.live or len(summary.items) != ITERATION_ITEMS:  # type: ignore[attr-defined]
            raise RuntimeError("the summary is not told from the 500-item snapshot")
        theirs, _ = timed(lambda: plain_lines(board, iteration_id), repeats)
        figures["build"] = {"ldboard": samples, "reference": theirs, "bytes": None}
        for fmt, reference in REFERENCES.items():

            def export(fmt: str = fmt) -> bytes:
                return render(build_summary(board, iteration_id), fmt)

            mine, data = profiled(profile, f"export-{fmt}", lambda e=export: timed(e, repeats))
            theirs, plain = timed(lambda r=reference: r(board, iteration_id), repeats)
            figures[fmt] = {
                "ldboard": mine,
                "reference": theirs,
                "bytes": len(data),  # type: ignore[arg-type]
                "reference_bytes": len(plain),  # type: ignore[arg-type]
            }
    finally:
        board.close()
    del app
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeats", type=int, default=9, help="timed runs per figure (median)")
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--label", default="")
    parser.add_argument("--profile", type=Path, default=None, help="write .pstats files here")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="ldboard-export-bench-") as folder:
        path = Path(folder) / "export.ldboard"
        board_info = prepare_board(path, BACKLOG)
        board_info.update(close_with_snapshot(path))
        gauge_before = cpu_gauge_ms()
        figures = measure(path, board_info["iteration_id"], args.repeats, args.profile)
        gauge_after = cpu_gauge_ms()

    rows = []
    for metric, figure in figures.items():
        mine = statistics.median(figure["ldboard"])
        theirs = statistics.median(figure["reference"]) if figure["reference"] else None
        rows.append(verdict_row(metric, ITERATION_ITEMS, mine, theirs, BUDGETS[metric]))
    print(
        f"A closed iteration of {board_info['snapshot_items']} items "
        f"({board_info['verdicts']} verdicts, {board_info['unfinished']} unfinished at close) "
        f"on a board of {board_info['items']:,} items; median of {args.repeats} runs."
    )
    print_table(rows, LABELS, UNITS, "items")
    print("\nsizes (ldboard / reference):")
    for metric, figure in figures.items():
        if figure["bytes"] is not None:
            print(f"  {metric:<5} {figure['bytes']:>10,} B / {figure['reference_bytes']:>10,} B")
    print(f"CPU gauge: {gauge_before:.1f} ms before, {gauge_after:.1f} ms after")
    saved = save_results(
        args.results,
        "export",
        {
            "label": args.label,
            "board": board_info,
            "repeats": args.repeats,
            "rows": rows,
            "samples": figures,
            "cpu_gauge_ms": [gauge_before, gauge_after],
        },
    )
    print(f"saved {saved}")
    return 0 if all(row["pass"] is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
