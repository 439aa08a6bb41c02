"""Importing a 10,000-row results file, beside sqlite-utils inserting the same rows.

The file is generated like an LMS or survey report saved from a spreadsheet
(UTF-8, commas, CRLF): per row the item's course code (its key, any case) or,
on every tenth row, only its exact title; a score written as a percentage
("84 %"), a decimal comma ("3,5") or a whole number ("72"); a completion date
in ISO form or day first (``d/m/yyyy``, with days above 12 so the column reads
day first); a phase (Baseline, Pilot, 30 days…) on most rows; the system it
came from; a Kirkpatrick level as a digit, "Level 2", "L3" or a name on most
rows; and a learner count, a column the import ignores. The rows name the
items of a generated 2,000-item board (``generate.py``), five results per item
on average, every row distinct so all of them are recorded.

Measured in this process, each figure the median of ``--repeats`` runs, each
run on a fresh copy of the board file made (and opened) outside the timing:

* **plan + import**: ``plan_results_file(board, path)`` (read, decode, map the
  headers, find each row's item, read and check every cell, leave out results
  already recorded) and ``import_results(board, plan)`` (the one transaction
  that writes the measurements, each item's new ``actual`` and one activity
  event per item). This is the figure the budget (≤ 2 s) holds for. The issue
  that asked for this import gave no budget: this is the project's own, the
  same as the 10,000-row spreadsheet import's, for the same kind of wait;
* its phases, reported: **plan**, and of ``import_results`` building the
  change and writing it (``Board.apply``).

Reference, in the same run: sqlite-utils' ``Table.insert_all`` of the same
rows (as dicts of the CSV's cells, parsed by ``csv.DictReader``) into a plain
table of a fresh file: the cost of getting 10,000 rows into SQLite with no
item lookup, no checking, no actual values, no history and no undo. The exit
status is 1 when the budget is missed. Run::

    .venv/bin/python benchmarks/results_import_bench.py [--rows 10000] [--items 2000]
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # recorded with the machine; no Qt here

import argparse
import csv
import io
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import (
    HERE,
    cpu_gauge_ms,
    fresh_copy,
    insert_csv_ms,
    interleaved,
    mark_apply,
    print_table,
    profiled,
    save_results,
    verdict_row,
)
from generate import generate_board

from ldboard.io.results_import import import_results, plan_results_file
from ldboard.store import Board

#: docs/performance.md: plan and import a 10,000-row results file within 2 s.
BUDGET_MS = 2000.0
LABELS = {"plan": "plan (read + check)", "import": "plan + import", "reference": "reference"}
UNITS = {"plan": "ms", "import": "ms"}

HEADER = ("Course code", "Course", "Score", "Completion date", "Phase", "System")
HEADER += ("Kirkpatrick level", "Learners")
_PHASES = ("Baseline", "Pilot", "30 days", "60 days", "90 days", "Post-course", "Wave 2", "")
_SYSTEMS = ("Moodle", "Cornerstone", "Docebo", "Pulse survey", "Qualtrics", "MS Forms")
_LEVELS = ("1", "2", "3", "4", "Level 2", "L3", "Reaction", "Behaviour", "Results", "")


def item_directory(board_path: Path) -> list[tuple[str, str]]:
    """``(key, title)`` of every item of the generated board (read only, untimed)."""
    connection = sqlite3.connect(f"file:{board_path}?mode=ro", uri=True)
    try:
        return list(connection.execute("SELECT key, title FROM items ORDER BY id"))
    finally:
        connection.close()


def _score(rng: random.Random) -> tuple[str, float]:
    """A value as exports write it, and the number the import reads in it."""
    kind = rng.random()
    if kind < 0.4:
        value = rng.randint(0, 100)
        return f"{value} %", float(value)
    if kind < 0.7:
        tenths = rng.randint(10, 50)
        return f"{tenths // 10},{tenths % 10}", tenths / 10
    value = rng.randint(20, 100)
    return str(value), float(value)


def _date(rng: random.Random) -> tuple[str, str]:
    """A date written ISO or day first, and the same date as ``YYYY-MM-DD``."""
    year, month, day = rng.randint(2024, 2026), rng.randint(1, 12), rng.randint(1, 28)
    iso = f"{year}-{month:02d}-{day:02d}"
    return (iso if rng.random() < 0.5 else f"{day}/{month}/{year}"), iso


def generate_results(path: Path, items: list[tuple[str, str]], rows: int, seed: int = 11) -> None:
    """Write ``rows`` results naming ``items`` (key, or exact title on every tenth row)."""
    rng = random.Random(seed)
    counts: dict[str, int] = {}
    for _key, title in items:
        folded = title.strip().casefold()
        counts[folded] = counts.get(folded, 0) + 1
    titled = [(k, t) for k, t in items if counts[t.strip().casefold()] == 1]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    seen: set[tuple[str, str, float, str, str]] = set()
    written = 0
    while written < rows:
        by_title = written % 10 == 0
        key, title = rng.choice(titled if by_title else items)
        shown, value = _score(rng)
        written_date, iso = _date(rng)
        phase, system = rng.choice(_PHASES), rng.choice(_SYSTEMS)
        identity = (key, iso, value, phase, system)
        if identity in seen:  # the import would skip it as already recorded
            continue
        seen.add(identity)
        code = "" if by_title else (key.lower() if rng.random() < 0.1 else key)
        cells = [code, title if by_title else "", shown, written_date, phase, system]
        writer.writerow([*cells, rng.choice(_LEVELS), str(rng.randint(5, 400))])
        written += 1
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def time_ldboard(path: Path, template: Path, workdir: Path, run: int) -> dict[str, float]:
    """One import on a fresh copy of the board: its phases and the whole, in ms."""
    board = Board.open(fresh_copy(template, workdir / f"ldboard-{run}.ldboard"))
    marks = mark_apply(board)
    try:
        begin = time.perf_counter()
        plan = plan_results_file(board, path)
        planned = time.perf_counter()
        import_results(board, plan)
        end = time.perf_counter()
        if plan.problems:
            raise SystemExit(f"the generated file has problems: {plan.problems[:3]}")
        recorded = board.db.conn.execute("SELECT COUNT(*) FROM measurements").fetchone()[0]
        if recorded != len(plan.rows) or recorded != _data_rows(path):
            raise SystemExit(f"the import recorded {recorded} of {_data_rows(path)} rows")
    finally:
        board.close()
    return {
        "plan": (planned - begin) * 1000,
        "import_only": (end - planned) * 1000,
        "change": (marks["built"] - planned) * 1000,
        "write": (marks["written"] - marks["built"]) * 1000,
        "import": (end - begin) * 1000,
    }


def _data_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _row in csv.DictReader(handle))


def time_reference(path: Path, workdir: Path, run: int) -> float:
    return insert_csv_ms(path, workdir / f"reference-{run}.db", "results")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=2_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="cProfile the imports")
    args = parser.parse_args(argv)
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ldboard-results-bench-") as folder:
        workdir = Path(folder)
        template = generate_board(workdir / "template.ldboard", args.items).path
        path = workdir / "lms-report.csv"
        generate_results(path, item_directory(template), args.rows)
        time_ldboard(path, template, workdir, -1)  # warm-up: imports, caches
        samples = interleaved(
            args.repeats,
            lambda run: time_reference(path, workdir, run),
            lambda run: profiled(
                args.profile,
                f"results-import-{run}",
                lambda: time_ldboard(path, template, workdir, run),
            ),
        )
        size_mb = path.stat().st_size / 1e6
    medians = {name: statistics.median(values) for name, values in samples.items()}
    rows = [
        verdict_row("plan", args.rows, medians["plan"], medians["reference"], None),
        verdict_row("import", args.rows, medians["import"], medians["reference"], BUDGET_MS),
    ]
    print_table(rows, LABELS, UNITS, "rows")
    print(
        f"\nfile {size_mb:.1f} MB, {args.items:,} items; medians of {args.repeats}: "
        f"plan {medians['plan']:.0f} ms, import {medians['import_only']:.0f} ms "
        f"(building the change {medians['change']:.0f} ms, writing it in one transaction "
        f"{medians['write']:.0f} ms); reference (sqlite-utils insert_all) "
        f"{medians['reference']:.0f} ms; CPU gauge {cpu_gauge_ms():.0f} ms"
    )
    document: dict[str, Any] = {
        "settings": {"rows": args.rows, "items": args.items, "repeats": args.repeats},
        "budgets": {"import": BUDGET_MS},
        "summary": rows,
        "samples": samples,
        "file_mb": size_mb,
    }
    target = save_results(args.results, "results-import", document)
    print(f"results saved to {target}")
    return 0 if all(row["pass"] is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
