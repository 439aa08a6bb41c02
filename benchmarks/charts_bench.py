"""Charts benchmark: showing the Charts view on a year of a busy board.

The board is the flow benchmark's (``flow_bench.prepare_board``): 10,000 items
and about 107,000 events over a year. In fresh processes, the board window is
opened, painted and left idle until every card is read and the board model's
idle-time warm-up of the flow history is done (then 300 ms more); then the
clock runs from ``window.open_view("chartsView")`` (View → Charts, Ctrl+6; the
page is built the first time, as for a person) to the end of the first window
paint that includes the cumulative flow chart. That covers importing
QtCharts, building the page, asking for the history (``Board.flow_history()``,
which then only catches up), computing the cumulative flow, building its chart
and painting it; the other charts are drawn when their tab is chosen. Budget:
500 ms (docs/performance.md).

**Early** is the same figure 300 ms after the last card is read, without
waiting for the warm-up: what a person pays who opens the charts at once. It
is reported without a budget.

**The reference** is showing the impact/effort matrix (View → Matrix) on the
same board in the same run, measured the same way in its own fresh processes:
the other view that is built on first show from the whole board, so the
ratio says how the charts compare with a view people already wait for. The
detail line splits the charts' figure into the history read and the rest.

The platform is forced to ``offscreen``. Usage::

    .venv/bin/python benchmarks/charts_bench.py [--items 10000] [--repeats 5] [--quick]
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
    RepaintProbe,
    add_shared_arguments,
    cpu_gauge_ms,
    drain,
    fail_on_callback_errors,
    fresh_copy,
    profiled,
    run_benchmark,
    settle,
    spawn_worker,
    summary,
    verdict_row,
)

#: docs/performance.md: the charts, shown the first time, on a year of 10,000 items.
BUDGETS = {"show": 500.0, "early": None}
UNITS = {"show": "ms", "early": "ms"}
LABELS = {"show": "show charts", "early": "show charts, early"}
#: How long the board window stays idle before the view is shown.
IDLE_MS = 300


# =====================================================================================
# Worker: a fresh process showing one view of the board.
# =====================================================================================


def wait_until(ready, timeout_s: float = 120.0) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + timeout_s
    while not ready():
        if time.perf_counter() > deadline:
            raise RuntimeError("timed out waiting for the board to load")
        QApplication.processEvents()
        time.sleep(0.005)


def open_window(path: Path, early: bool):
    """The board's window, painted and idle with every card read and, unless
    ``early``, its flow history warmed in idle time (where the app does that)."""
    from PySide6.QtTest import QTest

    from ldboard.ui.shell.app import build_main_window, ensure_application

    app = ensure_application()
    window = build_main_window(path)
    model = window.board_model
    probe = RepaintProbe(window, window.board_view.column_view(model.columns[0].id).viewport())
    window.show()
    if not settle(app, probe, 0):
        raise RuntimeError("the board never painted")
    wait_until(lambda: model.is_fully_loaded)
    warmer = getattr(model, "flow_warmer", None)
    if not early and warmer is not None:
        wait_until(lambda: warmer.done)
    QTest.qWait(IDLE_MS)
    return app, window, probe


def measure_show(app, window, probe, view: str) -> dict[str, Any]:
    """Time showing ``view`` ("chartsView" or "matrixPage") until the first window
    paint that includes its chart (or matrix)."""
    board = window.session.board
    reads: list[float] = []
    read_history = board.flow_history

    def timed_read():
        began = time.perf_counter()
        try:
            return read_history()
        finally:
            reads.append((time.perf_counter() - began) * 1000)

    board.flow_history = timed_read
    screen = window.screen(view)
    # The page is built the first time it is shown: the clock starts before that.
    begin = time.perf_counter()
    page = screen.page()
    if view == "matrixPage":
        content = page.view.viewport()
    elif window.board_model.total_count() == 0:  # the warm-up's empty board: a message
        content = page.panes["cfd"].message
    else:
        content = page.panes["cfd"].view.viewport()
    probe.expect(content)
    since = probe.count
    window.open_view(view)
    called = time.perf_counter()
    painted = settle(app, probe, since)
    idle = time.perf_counter()
    first = probe.first_painted_at
    if not painted or first is None:
        raise RuntimeError(f"{view} never painted")
    counts: dict[str, Any] = {}
    if view == "chartsView":
        if page.panes["cfd"].is_empty and window.board_model.total_count():
            raise RuntimeError("the cumulative flow chart is empty on the benchmark board")
        counts = {
            key: sum(len(getattr(s, "points_items", ())) or _points(s) for s in pane.chart.series())
            for key, pane in page.panes.items()
            if not pane.is_empty and key not in page._stale  # drawn when its tab is chosen
        }
    return {
        "show_ms": (first - begin) * 1000,
        "phases": {
            "call_ms": (called - begin) * 1000,
            "history_ms": sum(reads),
            "paint_ms": (first - called) * 1000,
            "idle_after_paint_ms": (idle - first) * 1000,
        },
        "points": counts,
    }


def _points(series) -> int:
    """Points of a series (an area counts its upper line, bars their values)."""
    if hasattr(series, "upperSeries"):
        return len(series.upperSeries().points())
    if hasattr(series, "barSets"):
        return sum(bar_set.count() for bar_set in series.barSets())
    return len(series.points())


def worker(args: argparse.Namespace) -> dict[str, Any]:
    fail_on_callback_errors()
    import PySide6.QtWidgets  # noqa: F401

    app, window, probe = open_window(args.board, args.early)
    view = "chartsView" if args.worker == "ldboard" else "matrixPage"
    result: dict[str, Any] = {"cpu_gauge_ms": cpu_gauge_ms()}
    result["show"] = profiled(
        args.profile,
        f"charts-{args.worker}-{args.board.stem}-show",
        lambda: measure_show(app, window, probe, view),
    )
    drain(app)
    window.close()
    return result


# =====================================================================================
# Orchestrator
# =====================================================================================


def run_worker(
    implementation: str, board: Path, args: argparse.Namespace, home: Path, early: bool = False
):
    arguments = ["--worker", implementation, "--board", str(board)]
    if early:
        arguments.append("--early")
    if args.profile is not None:
        arguments += ["--profile", str(args.profile)]
    what = f"{implementation} charts worker on {board.name}"
    return spawn_worker(Path(__file__).resolve(), arguments, home, what)


def run_size(size: int, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Both views on one prepared board, their processes alternating."""
    from flow_bench import prepare_board

    print(f"\n== {size:,} items ==", flush=True)
    began = time.perf_counter()
    source = workdir / f"charts-{size}.ldboard"
    counts = prepare_board(source, size)
    print(f"prepared in {time.perf_counter() - began:.1f} s: {counts}", flush=True)
    implementations = {
        "ldboard": args.repeats,
        "early": args.reference_repeats,
        "reference": args.reference_repeats,
    }
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in implementations}
    for n in range(max(implementations.values())):
        for name, repeats in implementations.items():
            if n < repeats:
                board = fresh_copy(source, workdir / f"charts-{name}-{size}.ldboard")
                worker_name = "reference" if name == "reference" else "ldboard"
                runs[name].append(
                    run_worker(worker_name, board, args, workdir, early=name == "early")
                )
    result: dict[str, Any] = {"size": size, "board": counts}
    for name, taken in runs.items():
        shows = [r["show"]["show_ms"] for r in taken]
        result[name] = {
            "show": summary(shows),
            "show_samples_ms": shows,
            "show_phases_ms": {
                phase: statistics.median(r["show"]["phases"][phase] for r in taken)
                for phase in taken[0]["show"]["phases"]
            },
            "points": taken[0]["show"]["points"],
            "cpu_gauge_ms": statistics.median(r["cpu_gauge_ms"] for r in taken),
        }
    print(f"measured in {time.perf_counter() - began:.1f} s", flush=True)
    return result


def verdicts(result: dict[str, Any]) -> list[dict[str, Any]]:
    mine, early, theirs = result["ldboard"], result["early"], result["reference"]
    return [
        verdict_row(
            "show", result["size"], mine["show"]["median"], theirs["show"]["median"], 500.0
        ),
        verdict_row(
            "early", result["size"], early["show"]["median"], theirs["show"]["median"], None
        ),
    ]


def report(results: list[dict[str, Any]]) -> None:
    print(
        "\nshow charts: median of fresh processes, from open_view('chartsView') to the end of"
        "\nthe first paint of the cumulative flow, the board idle and its flow history warmed;"
        "\nearly: the same 300 ms after the last card is read, before the warm-up is done"
        "\n(no budget: it shows what a person pays who opens the charts at once);"
        "\nreference: showing the matrix view as 'show charts' is measured; ratio = ÷ matrix.\n"
    )
    for result in results:
        for name, label in (("ldboard", "charts"), ("early", "early"), ("reference", "matrix")):
            data = result[name]
            phases = ", ".join(f"{k[:-3]} {v:.0f}" for k, v in data["show_phases_ms"].items())
            samples = ", ".join(f"{v:.0f}" for v in data["show_samples_ms"])
            points = ", ".join(f"{k} {v:,}" for k, v in data["points"].items())
            print(
                f"{result['size']:>7,} {label:<7} phases (ms): {phases}; samples {samples}"
                f"{'; points: ' + points if points else ''}; "
                f"CPU gauge {data['cpu_gauge_ms']:.0f} ms"
            )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_shared_arguments(parser, timed="showing", phases="show", sizes=(10000,))
    parser.add_argument("--items", type=int, help="one board of this many items (= --sizes N)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1,000 items, 2 + 1")
    parser.add_argument("--early", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.items:
        args.sizes = [args.items]
    if args.quick:
        args.sizes, args.repeats, args.reference_repeats = [1000], 2, 1
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.repeats = args.repeats if args.repeats != 7 else 5

    def warm_up(workdir: Path, empty: Path) -> None:
        for implementation in ("ldboard", "reference"):  # caches every module a worker imports
            run_worker(implementation, empty, args, workdir)

    return run_benchmark(
        args,
        name="charts",
        noun="items",
        worker=worker,
        warm_up=warm_up,
        run_size=lambda size, workdir: run_size(size, args, workdir),
        verdicts=verdicts,
        report=report,
        labels=LABELS,
        units=UNITS,
        budgets=BUDGETS,
        settings={"quick": args.quick, "idle_ms": IDLE_MS},
    )


if __name__ == "__main__":
    raise SystemExit(main())
