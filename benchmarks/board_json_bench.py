"""Whole-board JSON: exporting and importing a 10,000-item board.

Two boards, both of 10,000 items:

* **plain**: ``generate.py``'s board (items with descriptions, tags, people,
  checklists, scores and dates; no activity log), the board the budget names;
* **with a year of activity**: ``flow_bench.prepare_board``, the same board
  with a year of events (about 107,000 rows in ``events``), what a board used
  daily for a year holds.

Measured in this process, each figure the median of ``--repeats`` runs
(``--import-repeats`` for imports) after one warm-up run:

* **export**: ``write_board_json(conn, path)``, what ``ldboard export BOARD
  --format json -o OUT`` does once the board is open: every table read, the
  text made and written atomically (with its ``fsync``);
* **import**: ``import_board_json(json, new board)``, what ``ldboard import``
  does: the JSON read and checked, a new board built, every row inserted in one
  transaction, the new file checked and moved into place.

References, measured in the same run on the same files:

* for export, the naive whole-board JSON: ``SELECT *`` of every table made
  into dictionaries and passed to one ``json.dumps``, written by the same
  atomic writer. No order, no checks, one long line: what the first attempt
  at "dump the board as JSON" costs. The detail line adds ``iterdump()``,
  SQLite's own SQL dump of the same file;
* for import, a new SQLite file filled with ``executescript`` of the
  ``iterdump()`` text: how the ``sqlite3`` shell restores a dump, with no
  checks beyond the schema's.

Budget (docs/performance.md): export of the plain 10,000-item board ≤ 1 s;
the other figures are reported without one. The exit status is 1 when a
figure misses its budget. Run::

    .venv/bin/python benchmarks/board_json_bench.py [--repeats 7] [--items 10000]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
for folder in (HERE.parent, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from _common import cpu_gauge_ms, print_table, save_results, verdict_row  # noqa: E402
from flow_bench import prepare_board  # noqa: E402
from generate import generate_board  # noqa: E402

from ldboard.io.atomic import write_atomically  # noqa: E402
from ldboard.io.board_json_export import write_board_json  # noqa: E402
from ldboard.store.board_json import TABLES  # noqa: E402
from ldboard.store.board_json_import import import_board_json  # noqa: E402

BUDGETS: dict[str, float | None] = {
    "export": 1000.0,
    "export_log": None,
    "import": None,
    "import_log": None,
}
LABELS = {
    "export": "export, plain",
    "export_log": "export, a year of log",
    "import": "import, plain",
    "import_log": "import, a year of log",
}
UNITS = dict.fromkeys(BUDGETS, "ms")


def timed(function: Callable[[int], object], repeats: int) -> list[float]:
    """Milliseconds of each of ``repeats`` calls after one warm-up call (given its number)."""
    function(0)
    samples = []
    for number in range(1, repeats + 1):
        start = time.perf_counter()
        function(number)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def naive_json(conn: sqlite3.Connection, out: Path) -> None:
    """The reference export: every table's ``SELECT *`` as dictionaries, one ``json.dumps``."""
    document = {}
    for table in TABLES:
        cursor = conn.execute(f'SELECT * FROM "{table}"')
        names = [column[0] for column in cursor.description]
        document[table] = [dict(zip(names, row, strict=True)) for row in cursor]
    write_atomically(out, json.dumps(document, ensure_ascii=False).encode("utf-8"))


def restore_dump(script: str, out: Path) -> None:
    """The reference import: a new SQLite file made from an ``iterdump()`` text."""
    conn = sqlite3.connect(out, isolation_level=None)
    try:
        conn.executescript(script)
    finally:
        conn.close()


def measure(board: Path, folder: Path, repeats: int, import_repeats: int) -> dict[str, Any]:
    conn = sqlite3.connect(f"{board.absolute().as_uri()}?mode=ro", uri=True)
    try:
        out = folder / "board.json"
        mine = timed(lambda _n: write_board_json(conn, out), repeats)
        theirs = timed(lambda _n: naive_json(conn, folder / "naive.json"), repeats)
        dump: list[str] = []
        dumped = timed(lambda _n: dump.append("\n".join(conn.iterdump())), repeats)
        rows = sum(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES)
    finally:
        conn.close()
    script = dump[-1]
    imported = timed(
        lambda n: import_board_json(out, folder / f"imported-{n}.ldboard"), import_repeats
    )
    restored = timed(lambda n: restore_dump(script, folder / f"restored-{n}.db"), import_repeats)
    return {
        "rows": rows,
        "bytes": out.stat().st_size,
        "reference_bytes": (folder / "naive.json").stat().st_size,
        "export": mine,
        "export_reference": theirs,
        "iterdump": dumped,
        "import": imported,
        "import_reference": restored,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=7, help="timed exports (median)")
    parser.add_argument("--import-repeats", type=int, default=3, help="timed imports (median)")
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--label", default="")
    parser.add_argument("--no-save", action="store_true", help="do not write the JSON results")
    args = parser.parse_args(argv)

    figures: dict[str, dict[str, Any]] = {}
    gauges = [cpu_gauge_ms()]
    with tempfile.TemporaryDirectory(prefix="ldboard-board-json-") as temporary:
        for name, prepare in (("plain", generate_board), ("log", prepare_board)):
            folder = Path(temporary) / name
            folder.mkdir()
            board = folder / "board.ldboard"
            prepare(board, args.items)
            figures[name] = measure(board, folder, args.repeats, args.import_repeats)
            gauges.append(cpu_gauge_ms())

    rows = []
    for metric in LABELS:
        kind, board = [*metric.split("_"), "plain"][:2]
        figure = figures[board]
        mine = statistics.median(figure[kind])
        theirs = statistics.median(figure[f"{kind}_reference"])
        rows.append(verdict_row(metric, args.items, mine, theirs, BUDGETS[metric]))
    print(
        f"Boards of {args.items:,} items; exports median of {args.repeats}, "
        f"imports median of {args.import_repeats}."
    )
    print_table(rows, LABELS, UNITS, "items")
    print(
        "\nreference: export = naive json.dumps of SELECT * of every table; "
        "import = executescript of the iterdump() SQL into a new file."
    )
    for name, figure in figures.items():
        print(
            f"  {name:<5} {figure['rows']:>8,} rows; JSON {figure['bytes']:>11,} B "
            f"(naive {figure['reference_bytes']:,} B); "
            f"iterdump() {statistics.median(figure['iterdump']):,.1f} ms"
        )
    print("CPU gauge: " + ", ".join(f"{g:.1f} ms" for g in gauges))
    if not args.no_save:
        saved = save_results(
            args.results,
            "board-json",
            {"label": args.label, "rows": rows, "samples": figures, "cpu_gauge_ms": gauges},
        )
        print(f"saved {saved}")
    return 0 if all(row["pass"] is not False for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
