"""Iteration planning benchmark: ldboard's planning screen against two QTableWidgets.

For each backlog size it measures, in fresh processes, ldboard's real main
window and the widget reference (``iterations_reference.py``) on copies of
the same board file, and prints each ldboard figure beside the reference and
their ratio:

* open the planning screen: with the board window open and idle, from
  ``window.open_view("iterationsView")`` (View → Iterations) to the end of the
  first paint that includes the backlog table; median of fresh processes;
* sort a column: a real click on a backlog header, to the end of the repaint;
* plan 500 selected items: 500 backlog rows selected, ``actionPlanSelected``
  triggered: the operation, the commit, the tables' update, the repaint;
* close an iteration of 500 items: ``session.perform(ops.close_iteration, …)``
  as the close dialog's button does, to the end of the repaint (compared with
  its budget only: the reference has no file work to compare with).

The board: ``generate.py`` with 500 more items than the backlog size, then, on
the file, an active iteration holding 500 of them (100 done, about half of
those with a hypothesis, 400 unfinished; 450 planned before the start, 50
after) and a planned next iteration. ``iterations_worker.py`` is what each
measuring process does. The platform is forced to ``offscreen``.

Usage::

    .venv/bin/python benchmarks/iterations_bench.py [--sizes 10000] [--quick] [--profile DIR]
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # headless, and before any Qt import

import argparse
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _common import (
    add_shared_arguments,
    fresh_copy,
    run_benchmark,
    spawn_worker,
    summary,
    verdict_row,
)
from iterations_worker import PLAN_COUNT, SORT_COLUMNS, worker

#: docs/performance.md: open the planning screen, sort, plan 500, close an iteration of 500.
BUDGETS = {"open": 300.0, "sort": 100.0, "plan": 200.0, "close": 500.0}
UNITS = dict.fromkeys(BUDGETS, "ms")
LABELS = {
    "open": "open planning screen",
    "sort": "sort a column",
    "plan": "plan 500 selected",
    "close": "close iteration of 500",
}
#: The active iteration: 500 items, of which 450 were planned before it started.
ITERATION_ITEMS = 500
COMMITTED = 450
SEED = 13


# =====================================================================================
# The board: a generated board with iterations made through ops.
# =====================================================================================


def prepare_board(path: Path, backlog: int) -> dict[str, Any]:
    """Generate ``backlog + 500`` items and give the file its iterations.

    The generator puts 100 items in each column after the first, so the 400
    items of the four active stages and the 100 done ones form the active
    iteration, and the backlog (Intake and Ready) holds exactly ``backlog``
    items. The iteration is made through ``ops`` with a clock set in the past:
    450 items planned, the iteration started, 50 more planned ("added").
    """
    from generate import generate_board

    from ldboard import ops
    from ldboard.store import Board

    total = backlog + ITERATION_ITEMS if backlog else 0
    generated = generate_board(path, total)
    if not backlog:
        return {"items": 0, "backlog": 0}
    moment = [datetime.now(UTC) - timedelta(days=12)]

    def clock() -> datetime:
        return moment[0]

    board = Board.open(path, clock=clock)
    try:
        backlog_columns = {c.id for c in board.columns() if c.category == "backlog"}
        members = [
            item_id
            for item_id, column_id in board.connection.execute(
                "SELECT id, column_id FROM items ORDER BY column_id, rank"
            )
            if column_id not in backlog_columns
        ]
        if len(members) != ITERATION_ITEMS:
            raise RuntimeError(f"expected {ITERATION_ITEMS} items outside the backlog stages")
        random.Random(SEED).shuffle(members)
        start = moment[0].date() + timedelta(days=1)
        ops.create_iteration(
            board,
            "Iteration 1",
            goal="Pilot the new onboarding pathway with two regions",
            start=start.isoformat(),
            end=(start + timedelta(days=20)).isoformat(),
            capacity=1500,
        )
        (active,) = board.iterations()
        ops.plan_items(board, members[:COMMITTED], active.id)
        moment[0] += timedelta(days=1)
        ops.start_iteration(board, active.id)
        moment[0] += timedelta(days=1)
        ops.plan_items(board, members[COMMITTED:], active.id)
        ops.create_iteration(
            board,
            "Iteration 2",
            start=(start + timedelta(days=21)).isoformat(),
            end=(start + timedelta(days=41)).isoformat(),
            capacity=1500,
        )
        preview = ops.close_preview(board, active.id)
        board.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        board.close()
    lines = preview.lines
    return {
        "items": generated.items,
        "backlog": backlog,
        "iteration_items": len(lines),
        "committed": sum(line.committed for line in lines),
        "added": sum(line.added for line in lines),
        "done": sum(line.in_scope and line.done for line in lines),
        "to_verdict": len(preview.to_verdict),
        "unfinished": len(preview.unfinished),
    }


# =====================================================================================
# Orchestrator: prepares boards, starts workers, prints and saves the results.
# =====================================================================================


def run_worker(
    implementation: str,
    board: Path,
    args: argparse.Namespace,
    home: Path,
    *,
    interact: bool,
    page_size: list[int] | None = None,
) -> dict[str, Any]:
    arguments = [
        "--worker",
        implementation,
        "--board",
        str(board),
        "--sorts",
        str(args.sorts),
        "--plans",
        str(args.plans),
        "--closes",
        str(args.closes),
        "--reference-time-limit",
        str(args.reference_time_limit),
    ]
    if interact:
        arguments.append("--interact")
    if page_size:
        arguments += ["--page-size", *map(str, page_size)]
    if args.profile is not None:
        arguments += ["--profile", str(args.profile)]
    what = f"{implementation} planning worker on {board.name}"
    return spawn_worker(Path(__file__).resolve(), arguments, home, what)


def combine(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One implementation's figures: open over its processes, the rest from the first."""
    opens = [r["open"]["open_ms"] for r in runs]
    return {
        "open": summary(opens),
        "open_samples_ms": opens,
        "open_phases_ms": {
            phase: statistics.median(r["open"]["phases"][phase] for r in runs)
            for phase in runs[0]["open"]["phases"]
        },
        "counts": runs[0]["counts"],
        **{part: runs[0][part] for part in ("sort", "plan", "close")},
        "cpu_gauge_ms": statistics.median(r["cpu_gauge_ms"] for r in runs),
    }


def run_size(size: int, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Measure both implementations on copies of one prepared board.

    Their processes alternate (ldboard, reference, ldboard, …; the first of each
    also sorts, closes and plans), so a slow spell of the machine weighs on both
    alike. Each process gets a pristine copy of the file; the reference gets the
    size of ldboard's planning page.
    """
    print(f"\n== {size:,} backlog items ==", flush=True)
    began = time.perf_counter()
    prepared = workdir / f"iterations-{size}.ldboard"
    board = prepare_board(prepared, size)
    implementations = {"ldboard": args.repeats, "reference": args.reference_repeats}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in implementations}
    page_size = None
    for n in range(max(implementations.values())):
        for name, repeats in implementations.items():
            if n < repeats:
                copy = fresh_copy(prepared, workdir / f"iterations-{name}-{size}.ldboard")
                run = run_worker(name, copy, args, workdir, interact=n == 0, page_size=page_size)
                runs[name].append(run)
                page_size = page_size or run["counts"]["page_size"]
    result: dict[str, Any] = {"size": size, "board": board}
    result |= {name: combine(runs[name]) for name in implementations}
    print(f"measured in {time.perf_counter() - began:.1f} s", flush=True)
    shown = {
        name: (result[name]["counts"]["backlog"], result[name]["counts"]["iteration"])
        for name in implementations
    }
    if len(set(shown.values())) != 1 or shown["ldboard"][0] != size:
        raise RuntimeError(f"the two screens show different rows (backlog, iteration): {shown}")
    return result


def verdicts(result: dict[str, Any]) -> list[dict[str, Any]]:
    mine, theirs = result["ldboard"], result["reference"]
    size = result["size"]
    rows = [
        verdict_row("open", size, mine["open"]["median"], theirs["open"]["median"], BUDGETS["open"])
    ]
    for part in ("sort", "plan", "close"):
        # The close has no comparable reference: see print_footnote.
        other = theirs[part]["all"] if part != "close" else {"median": None, "p95": None}
        rows.append(
            verdict_row(
                part,
                size,
                mine[part]["all"]["median"],
                other["median"],
                BUDGETS[part],
                mine_p95=mine[part]["all"]["p95"],
                theirs_p95=other["p95"],
                reference_samples=other.get("count"),
            )
        )
    return rows


def phase_text(phases: dict[str, float]) -> str:
    return ", ".join(f"{name[:-3]} {value:.1f}" for name, value in phases.items())


def print_details(results: list[dict[str, Any]]) -> None:
    for result in results:
        size, board = result["size"], result["board"]
        print(
            f"\n{size:,} backlog items; the iteration: {board['iteration_items']} items "
            f"({board['committed']} committed, {board['added']} added after the start; "
            f"{board['done']} done, {board['to_verdict']} of them with a hypothesis; "
            f"{board['unfinished']} unfinished)"
        )
        for implementation in ("ldboard", "reference"):
            data = result[implementation]
            counts = data["counts"]
            print(
                f"  {implementation}: open phases (ms): {phase_text(data['open_phases_ms'])}; "
                f"backlog {counts['backlog']:,} rows, iteration {counts['iteration']} rows, "
                f"page {counts['page_size'][0]}×{counts['page_size'][1]}; "
                f"CPU gauge {data['cpu_gauge_ms']:.0f} ms"
            )
            for part in ("sort", "plan", "close"):
                figures = data[part]
                line = (
                    f"    {part} ({figures['all']['count']} of {figures['requested']}): "
                    f"{phase_text(figures['phases_median_ms'])}; "
                    f"after {figures['after_median_ms']:.1f}"
                )
                if "undo" in figures:
                    undo = figures["undo"]["all"]
                    what = "undo" if implementation == "ldboard" else "move back"
                    line += f"; {what} median {undo['median']:.1f} / p95 {undo['p95']:.1f}"
                print(line)
        mine, theirs = result["ldboard"]["close"], result["reference"]["close"]
        tables = sum(v for k, v in mine["phases_median_ms"].items() if k != "ops_ms")
        tables -= mine["phases_median_ms"]["write_ms"]
        print(
            f"  close, the tables' part only: ldboard's update + rest + paint {tables:.1f} ms; "
            f"the reference moves the same {theirs['closing']['unfinished']} rows between its "
            f"QTableWidgets in {theirs['all']['median']:.1f} ms"
        )


def print_footnote() -> None:
    print(
        "\nopen: median of fresh processes, from open_view() to the end of the first paint;"
        "\nsort, plan, close: median / p95 per action, to the end of the repaint;"
        '\nclose has no reference figure ("not run"): a widget table has nothing like the'
        "\n  close's file work (scope read from the log, snapshot, verdicts); its tables' part"
        "\n  is compared below;"
        "\nratio = ldboard ÷ reference (below 1 means ldboard is cheaper)."
        "\nphases: ops = the operation until Board.apply, write = the transaction, update ="
        "\n  every subscriber of the change, rest = the action after the change (selection,"
        "\n  undo stack), paint; sort: sort = to the model's layoutChanged."
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_shared_arguments(
        parser, timed="sorting and planning", phases="open/sorts/closes/plans", sizes=(10000,)
    )
    parser.add_argument("--sorts", type=int, default=48, help="header clicks per size (timed)")
    parser.add_argument("--plans", type=int, default=15, help="plans of 500 items (timed)")
    parser.add_argument("--closes", type=int, default=9, help="closes of the iteration (timed)")
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 1,000 backlog items, fewer actions"
    )
    parser.add_argument("--page-size", type=int, nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.sorts, args.plans, args.closes = [1000], 12, 3, 3
        args.repeats, args.reference_repeats = 3, 1
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def warm_up(workdir: Path, empty: Path) -> None:
        for implementation in ("ldboard", "reference"):  # caches every module a worker imports
            run_worker(implementation, empty, args, workdir, interact=False)

    def report(results: list[dict[str, Any]]) -> None:
        print_footnote()
        print_details(results)

    return run_benchmark(
        args,
        name="iterations",
        noun="backlog",
        worker=worker,
        warm_up=warm_up,
        run_size=lambda size, workdir: run_size(size, args, workdir),
        verdicts=verdicts,
        report=report,
        labels=LABELS,
        units=UNITS,
        budgets=BUDGETS,
        settings={
            "sorts": args.sorts,
            "plans": args.plans,
            "closes": args.closes,
            "plan_count": PLAN_COUNT,
            "sort_columns": SORT_COLUMNS,
            "quick": args.quick,
        },
    )


if __name__ == "__main__":
    raise SystemExit(main())
