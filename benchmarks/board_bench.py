"""Board performance benchmark: ldboard against a widget-per-card reference.

For each board size it measures, in fresh processes, the board figures of
``docs/performance.md`` for ldboard's real main window and for the
widget-per-card reference (``widget_reference.py``) built from the same board
file, and prints each ldboard figure beside the reference and their ratio:

* open + first paint: from just after ``import PySide6.QtWidgets`` to the end
  of the window's first paint that includes the first column's cards (ldboard
  imports, QApplication, ``build_main_window``, ``show`` and the paint);
* open until fully loaded: from the same start until every card has been read
  (ldboard reads the rest of the board in slices after the first paint) and
  the event loop is quiet again;
* longest stall during the load: the longest time, between the first paint
  and the full load, that the UI thread did not return to its event loop;
* drop one card: real drag-enter/move/drop events on the destination column's
  viewport (ops + store commit + model update), then the repaint, alternating
  into and out of the big column so column sizes stay stable;
* filter keystroke: ``QTest.keyClick`` into the filter box, then the repaint;
* RSS delta: resident memory once the N-card board is fully loaded minus the
  same for an empty board, each measured in its own fresh process.

"Repaint done" means: the window has handled its UpdateRequest (in which Qt
paints every dirty widget synchronously) and the event loop then had two passes
with nothing left to paint, so work deferred to the loop is counted. The
platform is forced to ``offscreen``. The reference takes about 15 minutes to
build at 50,000 cards, so it only runs up to ``--reference-max-size``; larger
boards are compared with the budgets alone. The worker side is
``board_worker.py``.

Usage::

    .venv/bin/python benchmarks/board_bench.py [--sizes 1000 10000 50000] [--drops 200]
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # headless, and before any Qt import

import argparse
import statistics
import time
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
from board_worker import FILTER_WORDS, worker

METRICS = ("open", "loaded", "stall", "drop", "filter", "rss")
UNITS = {
    "open": "ms",
    "loaded": "ms",
    "stall": "ms",
    "drop": "ms",
    "filter": "ms",
    "rss": "MB",
}
LABELS = {
    "open": "open + first paint",
    "loaded": "open until fully loaded",
    "stall": "longest stall in load",
    "drop": "drop one card",
    "filter": "filter keystroke",
    "rss": "RSS delta, full load",
}
#: The budgets of docs/performance.md: (limit, judged on, largest board it applies to).
#: "median" also stands for a single figure (open, RSS); ``None``: any size.
BUDGETS: dict[str, list[tuple[float, str, int | None]]] = {
    "open": [(300.0, "median", None)],
    "stall": [(50.0, "median", None)],
    "drop": [(16.7, "median", 10_000), (16.7, "p95", None)],
    "filter": [(30.0, "median", 10_000), (30.0, "p95", None)],
    "rss": [(50.0, "median", 10_000)],
}
#: The reference is not built for bigger boards (about 15 minutes at 50,000 cards).
REFERENCE_MAX_SIZE = 10_000
#: Figures shown without a ratio: the reference reads and builds everything before
#: its first paint, so it has no load left to stall in (its figure is about 0 ms).
NO_RATIO = ("stall",)


def budget_for(metric: str, size: int) -> tuple[float | None, str]:
    """The budget a figure of ``metric`` at ``size`` cards must meet, and which
    statistic meets it; ``None`` where docs/performance.md sets none."""
    for limit, judged, largest in BUDGETS.get(metric, []):
        if largest is None or size <= largest:
            return limit, judged
    return None, "median"


# =====================================================================================
# Orchestrator: generates boards, starts workers, prints and saves the results.
# =====================================================================================


def warm_up(empty_board: Path, args: argparse.Namespace, home: Path) -> None:
    """One unmeasured worker per implementation caches every module a worker
    imports (PySide6's Python parts, psutil, stdlib) before any measurement."""
    for implementation in ("ldboard", "reference"):
        run_worker(implementation, empty_board, args, home, interact=False)


def run_worker(
    implementation: str, board: Path, args: argparse.Namespace, home: Path, *, interact: bool
) -> dict[str, Any]:
    """Measure in a new process with private, empty config/data folders."""
    arguments = [
        "--worker",
        implementation,
        "--board",
        str(board),
        "--drops",
        str(args.drops),
        "--filter-rounds",
        str(args.filter_rounds),
        "--reference-time-limit",
        str(args.reference_time_limit),
    ]
    if interact:
        arguments.append("--interact")
    if args.profile is not None:
        arguments += ["--profile", str(args.profile)]
    what = f"{implementation} worker on {board.name}"
    return spawn_worker(Path(__file__).resolve(), arguments, home, what)


def measure_implementation(
    implementation: str, board: Path, empty: Path, args: argparse.Namespace, home: Path
) -> dict[str, Any]:
    """Open, full load and RSS over several fresh processes (the first also
    interacts), plus as many on the empty board for the RSS baseline. The
    reference takes seconds per open at 10,000 cards, so it gets
    ``--reference-repeats`` instead of ``--repeats``."""
    repeats = args.repeats if implementation == "ldboard" else args.reference_repeats
    runs = [run_worker(implementation, board, args, home, interact=True)]
    runs += [
        run_worker(implementation, board, args, home, interact=False) for _ in range(repeats - 1)
    ]
    empties = [
        run_worker(implementation, empty, args, home, interact=False) for _ in range(repeats)
    ]
    full_rss = statistics.median(r["rss_mb"] for r in runs)
    empty_rss = statistics.median(r["rss_mb"] for r in empties)
    return {
        "open": summary([r["open_ms"] for r in runs]),
        "open_samples_ms": [r["open_ms"] for r in runs],
        "open_phases_ms": {
            phase: statistics.median(r["phases"][phase] for r in runs)
            for phase in runs[0]["phases"]
        },
        "open_empty_board": summary([r["open_ms"] for r in empties]),
        "loaded": summary([r["loaded_ms"] for r in runs]),
        "stall": summary([r["stall_ms"] for r in runs]),
        "stalls_over_one_frame": [r["stalls_over_16ms"] for r in runs],
        "rss": {
            "delta_mb": full_rss - empty_rss,
            "board_mb": full_rss,
            "empty_board_mb": empty_rss,
            "method": "median RSS once every card is read and the event loop is quiet, "
            "N-card board minus empty board, each in its own fresh process",
        },
        "drop": runs[0]["drop"],
        "filter": runs[0]["filter"],
        "cpu_gauge_ms": statistics.median(r["cpu_gauge_ms"] for r in runs + empties),
        "cpu_gauge_samples_ms": [r["cpu_gauge_ms"] for r in runs + empties],
    }


def headline(result: dict[str, Any], metric: str) -> float:
    """The median figure (for open, load and stall: over fresh processes), or the RSS delta."""
    if metric == "rss":
        return result["rss"]["delta_mb"]
    if metric in ("open", "loaded", "stall"):
        return result[metric]["median"]
    return result[metric]["all"]["median"]


def p95(result: dict[str, Any], metric: str) -> float | None:
    if metric in ("drop", "filter"):
        return result[metric]["all"]["p95"]
    return None


def run_size(size: int, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    from generate import generate_board

    print(f"\n== {size:,} cards ==", flush=True)
    began = time.perf_counter()
    generated = generate_board(workdir / f"board-{size}.ldboard", size)
    empty = generate_board(workdir / "empty.ldboard", 0)
    print(f"generated in {time.perf_counter() - began:.1f} s: {generated.column_sizes}", flush=True)
    result: dict[str, Any] = {"size": size, "column_sizes": generated.column_sizes}
    implementations = ["ldboard"]
    if size <= args.reference_max_size:
        implementations.append("reference")
    else:
        print(f"reference: not built above {args.reference_max_size:,} cards", flush=True)
        result["reference"] = None
    for implementation in implementations:
        began = time.perf_counter()
        board = fresh_copy(generated.path, workdir / f"{implementation}-{size}.ldboard")
        result[implementation] = measure_implementation(
            implementation, board, empty.path, args, workdir
        )
        print(f"{implementation}: measured in {time.perf_counter() - began:.1f} s", flush=True)
    return result


def verdicts(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per metric: ldboard figure, reference figure, ratio, budget, verdict."""
    mine, theirs = result["ldboard"], result["reference"]
    rows = []
    for metric in METRICS:
        budget, judged = budget_for(metric, result["size"])
        rows.append(
            verdict_row(
                metric,
                result["size"],
                headline(mine, metric),
                headline(theirs, metric) if theirs else None,
                budget,
                mine_p95=p95(mine, metric),
                theirs_p95=p95(theirs, metric) if theirs else None,
                reference_samples=theirs[metric]["all"]["count"]
                if theirs and metric in ("drop", "filter")
                else None,
                judged=judged,
            )
        )
        if metric in NO_RATIO:
            rows[-1]["ratio"] = None
    return rows


def print_footnote(args: argparse.Namespace) -> None:
    """What the table's figures are."""
    print(
        "\nopen, load and stall: median of fresh processes; drop and filter: median / p95"
        "\nper event; RSS: median once fully loaded, N-card board minus empty board."
        "\nratio = ldboard ÷ reference, measured in the same run (below 1: ldboard is cheaper);"
        "\nno ratio for the stall: the reference builds everything before its first paint;"
        f'\nreference "not run": not built above {args.reference_max_size:,} cards (too slow),'
        "\nthose rows are compared with the budget only. Budgets and their reasons:"
        '\ndocs/performance.md; "p95" marks a budget met by the 95th percentile.'
    )


def filtering_part(figures: dict[str, Any]) -> str:
    """How much of a keystroke the board model's filtering took (ldboard only)."""
    if "filtering" not in figures:
        return ""
    part = figures["filtering"]
    return f" (choosing the rows: median {part['median']:.1f}, p95 {part['p95']:.1f} ms)"


def print_details(results: list[dict[str, Any]]) -> None:
    for result in results:
        for implementation in ("ldboard", "reference"):
            data = result[implementation]
            if data is None:
                continue
            phases = ", ".join(f"{k[:-3]} {v:.0f}" for k, v in data["open_phases_ms"].items())
            drop = data["drop"]
            print(
                f"{result['size']:>7,} {implementation:<9} open phases (ms): {phases}; "
                f"empty board open {data['open_empty_board']['median']:.0f} ms; "
                f"fully loaded {data['loaded']['median']:.0f} ms, longest stall "
                f"{data['stall']['median']:.1f} ms (worst process {data['stall']['max']:.1f}, "
                f"stalls over one frame {data['stalls_over_one_frame']}); "
                f"RSS {data['rss']['board_mb']:.0f} MB, "
                f"empty board {data['rss']['empty_board_mb']:.0f} MB; "
                f"drops into/out of big column median "
                f"{drop['into_big_column'].get('median', 0):.1f}/"
                f"{drop['out_of_big_column'].get('median', 0):.1f} ms "
                f"({drop['all']['count']} of {drop['requested']} drops); "
                f"{data['filter']['all']['count']} keystrokes{filtering_part(data['filter'])}; "
                f"CPU gauge {data['cpu_gauge_ms']:.0f} ms "
                f"(range {min(data['cpu_gauge_samples_ms']):.0f}–"
                f"{max(data['cpu_gauge_samples_ms']):.0f})"
            )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_shared_arguments(
        parser,
        timed="drops/keystrokes",
        phases="open/load/drops/filter",
        sizes=(1000, 10_000, 50_000),
    )
    parser.add_argument("--drops", type=int, default=200, help="drops per size (timed)")
    parser.add_argument(
        "--filter-rounds", type=int, default=2, help=f"times each of {FILTER_WORDS} is typed"
    )
    parser.add_argument(
        "--reference-max-size",
        type=int,
        default=REFERENCE_MAX_SIZE,
        help="largest board the reference is built for (default %(default)s)",
    )
    parser.add_argument("--quick", action="store_true", help="smoke run: 1,000 cards, 30 drops")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.drops, args.filter_rounds = [1000], 30, 1
        args.repeats, args.reference_repeats = 3, 1
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def report(results: list[dict[str, Any]]) -> None:
        print_footnote(args)
        print()
        print_details(results)

    return run_benchmark(
        args,
        name="board",
        noun="cards",
        worker=worker,
        warm_up=lambda workdir, empty: warm_up(empty, args, workdir),
        run_size=lambda size, workdir: run_size(size, args, workdir),
        verdicts=verdicts,
        report=report,
        labels=LABELS,
        units=UNITS,
        budgets={metric: BUDGETS[metric] for metric in BUDGETS},
        settings={
            "drops": args.drops,
            "filter_rounds": args.filter_rounds,
            "reference_max_size": args.reference_max_size,
            "quick": args.quick,
        },
    )


if __name__ == "__main__":
    raise SystemExit(main())
