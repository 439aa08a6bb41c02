"""Importing a 10,000-row CSV file, beside sqlite-utils inserting the same rows.

The file is generated with realistic cells, as a spreadsheet exports them:
a title, a stage among the default columns (a few rows name a stage the board
lacks, so one column is created), impact as words ("High") or digits, effort
as T-shirt sizes, one to three tags out of forty, a requester out of sixty
people, a due date in US ``m/d/yyyy`` on a third of the rows, a description
on half of them (some of several lines, quoted), a driver and a format.

Measured in this process, each figure the median of ``--repeats`` runs, each
run on a fresh board file created outside the timing:

* **plan + import**: ``plan_csv_file(board, path)`` (read, decode, detect the
  delimiter, map the headers, read and check every cell) and
  ``import_items(board, plan, create_columns=True)`` (the one transaction that
  writes the items, tags, people, links, the new column and the activity log).
  This is the figure the budget (≤ 2 s) holds for;
* its phases, reported: **plan**, building the change, and writing it
  (``Board.apply``).

Reference, in the same run: sqlite-utils' ``Table.insert_all`` of the same
rows (as dicts of the CSV's cells, parsed by ``csv.DictReader``) into a plain
table of a fresh file: the cost of getting 10,000 rows into SQLite with no
checking, no links and no undo. The exit status is 1 when a budget is missed.
Run::

    .venv/bin/python benchmarks/csv_import_bench.py [--rows 10000] [--repeats 5]
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # recorded with the machine; no Qt here

import argparse
import csv
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import (
    HERE,
    cpu_gauge_ms,
    insert_csv_ms,
    interleaved,
    mark_apply,
    print_table,
    profiled,
    save_results,
    verdict_row,
)

from ldboard.io.csv_import import import_items, plan_csv_file
from ldboard.store import Board

#: docs/performance.md: import a 10,000-row CSV within 2 s.
BUDGET_MS = 2000.0
LABELS = {"plan": "plan (read + check)", "import": "plan + import", "reference": "reference"}
UNITS = {"plan": "ms", "import": "ms"}

_STAGES = ("Intake", "Discovery", "Ready", "Building", "Pilot", "Measuring", "Done")
_IMPACT = ("High", "Medium", "Low", "Very high", "1", "2", "3", "4", "5", "")
_EFFORT = ("S", "M", "L", "XL", "XS", "Small", "Large", "")
_DRIVERS = ("Skills gap", "Compliance", "Retention", "Revenue", "Productivity", "")
_FORMATS = ("Course", "Microlearning", "Job aid", "Workshop", "Webinar", "Coaching", "")
_WORDS = [
    "onboarding", "sales", "managers", "safety", "compliance", "coaching", "feedback",
    "product", "launch", "customer", "service", "leadership", "data", "privacy",
    "negotiation", "wellbeing", "induction",
]  # fmt: skip


HEADER = ("Name", "Status", "Priority", "Effort", "Labels", "Owner", "Due date")
HEADER += ("Description", "Driver", "Format")


def generate_csv(path: Path, rows: int, seed: int = 7) -> None:
    """Write a spreadsheet-like CSV of ``rows`` items (UTF-8, comma, CRLF)."""
    rng = random.Random(seed)
    tags = [f"{rng.choice(_WORDS)}-{n}" for n in range(40)]
    people = [f"Person {chr(65 + n % 26)}. Example{n}" for n in range(60)]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*HEADER])
    for n in range(rows):
        stage = "Review" if n % 500 == 0 else rng.choice(_STAGES)
        title = f"{' '.join(rng.sample(_WORDS, 3)).capitalize()} #{n}"
        due = ""
        if rng.random() < 0.33:
            due = f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{rng.randint(2026, 2028)}"
        description = ""
        if rng.random() < 0.5:
            lines = rng.randint(1, 3)
            description = "\n".join(" ".join(rng.sample(_WORDS, 6)) for _ in range(lines))
        writer.writerow(
            [
                title,
                stage,
                rng.choice(_IMPACT),
                rng.choice(_EFFORT),
                ", ".join(rng.sample(tags, rng.randint(1, 3))),
                rng.choice(people),
                due,
                description,
                rng.choice(_DRIVERS),
                rng.choice(_FORMATS),
            ]
        )
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def time_ldboard(path: Path, workdir: Path, run: int) -> dict[str, float]:
    """One import on a fresh board file: its phases and the whole, in ms."""
    board = Board.open(workdir / f"ldboard-{run}.ldboard")
    marks = mark_apply(board)
    try:
        begin = time.perf_counter()
        plan = plan_csv_file(board, path)
        planned = time.perf_counter()
        import_items(board, plan, create_columns=True)
        end = time.perf_counter()
        if plan.problems:
            raise SystemExit(f"the generated file has problems: {plan.problems[:3]}")
        if board.item_count() != len(plan.rows):
            raise SystemExit("the import did not create every row")
    finally:
        board.close()
    return {
        "plan": (planned - begin) * 1000,
        "change": (marks["built"] - planned) * 1000,
        "write": (marks["written"] - marks["built"]) * 1000,
        "import": (end - begin) * 1000,
    }


def time_reference(path: Path, workdir: Path, run: int) -> float:
    return insert_csv_ms(path, workdir / f"reference-{run}.db", "items")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="cProfile the imports")
    args = parser.parse_args(argv)
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ldboard-csv-bench-") as folder:
        workdir = Path(folder)
        path = workdir / "backlog.csv"
        generate_csv(path, args.rows)
        time_ldboard(path, workdir, -1)  # warm-up: imports, caches
        samples = interleaved(
            args.repeats,
            lambda run: time_reference(path, workdir, run),
            lambda run: profiled(
                args.profile, f"csv-import-{run}", lambda: time_ldboard(path, workdir, run)
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
        f"\nfile {size_mb:.1f} MB; medians of {args.repeats}: plan {medians['plan']:.0f} ms, "
        f"building the change {medians['change']:.0f} ms, writing it (one transaction) "
        f"{medians['write']:.0f} ms; reference (sqlite-utils insert_all) "
        f"{medians['reference']:.0f} ms; CPU gauge {cpu_gauge_ms():.0f} ms"
    )
    document: dict[str, Any] = {
        "settings": {"rows": args.rows, "repeats": args.repeats},
        "budgets": {"import": BUDGET_MS},
        "summary": rows,
        "samples": samples,
        "file_mb": size_mb,
    }
    target = save_results(args.results, "csv-import", document)
    print(f"results saved to {target}")
    return 0 if all(row["pass"] is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
