"""Matrix performance benchmark: ldboard's impact/effort matrix against a widget grid.

For each board size it measures, in fresh processes, ldboard's real main window
and the widget-per-item reference (``matrix_reference.py``) built from the same
board file, and prints each ldboard figure beside the reference and their ratio:

* show the matrix: with the board window open and idle (every card read), from
  ``window.show_matrix()`` (View → Matrix) to the end of the first window paint
  that includes the matrix view; median of fresh processes;
* drag-rescore: a chip dragged with real mouse press/move/release events on the
  matrix view's viewport from one cell to another (ops + store commit + relayout),
  then ``view.viewport().repaint()``; rescores alternate between two cells.

The platform is forced to ``offscreen``.

Usage::

    .venv/bin/python benchmarks/matrix_bench.py [--sizes 1000 10000] [--rescores 150] [--quick]
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # headless, and before any Qt import

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from _common import (
    MIN_REFERENCE_SAMPLES,
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

#: docs/performance.md: showing the matrix, and a rescore (a drop: one frame).
BUDGETS = {"show": 250.0, "rescore": 16.7}
UNITS = {"show": "ms", "rescore": "ms"}
LABELS = {"show": "show matrix", "rescore": "drag-rescore"}
#: Rescores alternate between these (impact, effort) cells: a quick win and a money pit.
CELLS = ((4, 2), (2, 4))
#: The reference moves one of the first labels of a cell, those in sight (as chips are).
REFERENCE_PICK = 3
#: Keeps the slow reference from running for minutes at 10,000 items.
#: How long the board window stays idle before the matrix is shown.
IDLE_MS = 300
SEED = 11


# =====================================================================================
# Worker: runs in a fresh process, measures one implementation on one board file.
# =====================================================================================


def wait_until(ready, timeout_s: float = 60.0) -> None:
    from PySide6.QtTest import QTest

    deadline = time.perf_counter() + timeout_s
    while not ready():
        if time.perf_counter() > deadline:
            raise RuntimeError("the window never became idle")
        QTest.qWait(20)


def drag(view, start, end, steps: int = 6) -> None:
    """Press, move and release the left button on the view's viewport, as a person
    drags a chip (the same events as ``drag`` in tests/gui/test_matrix.py)."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    viewport = view.viewport()

    def send(kind, point, button, buttons) -> None:
        global_point = QPointF(viewport.mapToGlobal(point))
        modifiers = Qt.KeyboardModifier.NoModifier
        event = QMouseEvent(kind, QPointF(point), global_point, button, buttons, modifiers)
        QApplication.sendEvent(viewport, event)

    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    send(QMouseEvent.Type.MouseButtonPress, start, left, left)
    for step in range(1, steps + 1):
        point = start + (end - start) * step / steps
        send(QMouseEvent.Type.MouseMove, QPoint(round(point.x()), round(point.y())), none, left)
    send(QMouseEvent.Type.MouseButtonRelease, end, left, none)


class LdboardMatrix:
    """Drives ldboard's real main window and its Matrix page."""

    def open(self, path: Path) -> None:
        """Open the board, paint it, and wait until every card has been read."""
        from PySide6.QtTest import QTest

        from ldboard.ui.shell.app import build_main_window, ensure_application

        self.app = ensure_application()
        self.window = build_main_window(path)
        model = self.window.board_model
        first = self.window.board_view.column_view(model.columns[0].id).viewport()
        self.probe = RepaintProbe(self.window, first)
        self.window.show()
        if not settle(self.app, self.probe, 0):
            raise RuntimeError("the board never painted")
        wait_until(lambda: model.is_fully_loaded)
        QTest.qWait(IDLE_MS)

    @property
    def page(self):
        return self.window.matrix_page

    def show_matrix(self) -> None:
        self.window.show_matrix()

    def matrix_widget(self):
        return self.page.view.viewport()

    def counts(self) -> dict[str, Any]:
        scene = self.page.scene
        cells = [(impact, effort) for impact in range(1, 6) for effort in range(1, 6)]
        return {
            "placed": sum(len(scene.cell_cards(*cell)) for cell in cells),
            "widgets_or_chips": len(scene.chips()),
            "unscored_tray": self.page.unscored_model.rowCount(),
            "matrix_size": list(self.matrix_widget().size().toTuple()),
        }

    def cell_size(self, cell: tuple[int, int]) -> int:
        return len(self.page.scene.cell_cards(*cell))

    def prepare_rescore(self, rng: random.Random, source, target):
        """Pick a chip in sight in ``source``; return the timed drag and the item's id."""
        scene, view = self.page.scene, self.page.view
        chips = [chip for chip in scene.chips() if scene.cell_of(chip.card_id) == source]
        chip = rng.choice(chips)
        start = view.mapFromScene(chip.sceneBoundingRect().center())
        end = view.map_cell_to_view(*target).toPoint()
        return (lambda: drag(view, start, end)), chip.card_id

    def repaint(self) -> None:
        self.page.view.viewport().repaint()

    def cell_of(self, item_id: int) -> tuple[int, int] | None:
        """The item's scores in the board file, if the matrix shows it in that cell."""
        item = self.window.session.board.item(item_id)
        assert item is not None
        scores = (item.impact, item.effort)
        return scores if self.page.scene.cell_of(item_id) == scores else None


class ReferenceMatrixDriver:
    """Drives the widget-per-item reference."""

    def __init__(self, size: tuple[int, int] | None) -> None:
        self.size = size

    def open(self, path: Path) -> None:
        from matrix_reference import MATRIX_SIZE, build_reference_window
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        self.window = build_reference_window(path, self.size or MATRIX_SIZE)
        self.probe = RepaintProbe(self.window, self.window.currentWidget())
        self.window.show()
        if not settle(self.app, self.probe, 0):
            raise RuntimeError("the board page never painted")
        QTest.qWait(IDLE_MS)

    def show_matrix(self) -> None:
        self.window.show_matrix()

    def matrix_widget(self):
        return self.window.matrix

    def counts(self) -> dict[str, Any]:
        matrix = self.window.matrix
        return {
            "placed": matrix.placed(),
            "widgets_or_chips": matrix.placed(),
            "matrix_size": list(matrix.size().toTuple()),
        }

    def cell_size(self, cell: tuple[int, int]) -> int:
        return len(self.window.matrix.cells[cell].chips)

    def prepare_rescore(self, rng: random.Random, source, target):
        matrix = self.window.matrix
        chip = rng.choice(matrix.cells[source].chips[:REFERENCE_PICK])
        return (lambda: matrix.move_chip(chip, target)), chip

    def repaint(self) -> None:
        self.window.matrix.repaint()

    def cell_of(self, chip) -> tuple[int, int]:
        return self.window.matrix.cell_holding(chip).cell


def measure_show(driver) -> dict[str, Any]:
    """Time View → Matrix until the first window paint that includes the matrix."""
    probe = driver.probe
    # The matrix page is built the first time it is asked for: the clock starts
    # before that, so building it counts as part of showing it.
    begin = time.perf_counter()
    probe.expect(driver.matrix_widget())
    since = probe.count
    driver.show_matrix()
    called = time.perf_counter()
    painted = settle(driver.app, probe, since)
    idle = time.perf_counter()
    first = probe.first_painted_at
    if not painted or first is None:
        raise RuntimeError("the matrix never painted")
    return {
        "show_ms": (first - begin) * 1000,
        "phases": {
            "call_ms": (called - begin) * 1000,
            "paint_ms": (first - called) * 1000,
            "idle_after_paint_ms": (idle - first) * 1000,
        },
    }


def measure_rescores(driver, count: int, time_limit_s: float | None) -> dict[str, Any]:
    """Time ``count`` rescores, alternating between the two ``CELLS``.

    Even rescores move an item in sight from the first cell to the second, odd
    ones an item in sight from the second to the first, so both cells keep their
    size. A figure is the rescore's events plus the synchronous repaint of the
    matrix; what the event loop still runs afterwards is kept apart ("after").
    """
    rng = random.Random(SEED)
    sizes_before = [driver.cell_size(cell) for cell in CELLS]
    events, repaints, after = [], [], []
    started = time.perf_counter()
    for step in range(count):
        source, target = CELLS if step % 2 == 0 else CELLS[::-1]
        drain(driver.app)
        action, item = driver.prepare_rescore(rng, source, target)
        begin = time.perf_counter()
        action()
        acted = time.perf_counter()
        driver.repaint()
        repainted = time.perf_counter()
        settle(driver.app, driver.probe, None)
        idle = time.perf_counter()
        if driver.cell_of(item) != target:
            raise RuntimeError(f"rescore {step} did not move its item to cell {target}")
        events.append((acted - begin) * 1000)
        repaints.append((repainted - acted) * 1000)
        after.append((idle - repainted) * 1000)
        over_time = time_limit_s is not None and time.perf_counter() - started > time_limit_s
        if over_time and step % 2 == 1 and step + 1 >= MIN_REFERENCE_SAMPLES:
            break
    if len(events) % 2 == 0 and [driver.cell_size(c) for c in CELLS] != sizes_before:
        raise RuntimeError("the rescores changed the cell sizes")
    samples = [e + r for e, r in zip(events, repaints, strict=True)]
    return {
        "all": summary(samples),
        "events": summary(events),
        "repaint": summary(repaints),
        "after": summary(after),
        "samples_ms": samples,
        "events_ms": events,
        "repaint_ms": repaints,
        "after_ms": after,
        "requested": count,
        "cells": CELLS,
        "cell_sizes": sizes_before,
    }


def worker(args: argparse.Namespace) -> dict[str, Any]:
    """One fresh process: open the board and let it idle, show the matrix, rescore."""
    fail_on_callback_errors()
    import PySide6.QtWidgets  # noqa: F401

    if args.worker == "ldboard":
        driver = LdboardMatrix()
    else:
        driver = ReferenceMatrixDriver(tuple(args.matrix_size) if args.matrix_size else None)
    tag = f"matrix-{args.worker}-{args.board.stem}"
    driver.open(args.board)
    result: dict[str, Any] = {"cpu_gauge_ms": cpu_gauge_ms()}
    result["show"] = profiled(args.profile, f"{tag}-show", lambda: measure_show(driver))
    drain(driver.app)
    result["counts"] = driver.counts()
    if args.interact:
        limit = args.reference_time_limit if args.worker == "reference" else None
        result["rescore"] = profiled(
            args.profile,
            f"{tag}-rescores",
            lambda: measure_rescores(driver, args.rescores, limit),
        )
    driver.window.close()
    return result


# =====================================================================================
# Orchestrator: generates boards, starts workers, prints and saves the results.
# =====================================================================================


def run_worker(
    implementation: str,
    board: Path,
    args: argparse.Namespace,
    home: Path,
    *,
    interact: bool,
    matrix_size: list[int] | None = None,
) -> dict[str, Any]:
    arguments = [
        "--worker",
        implementation,
        "--board",
        str(board),
        "--rescores",
        str(args.rescores),
        "--reference-time-limit",
        str(args.reference_time_limit),
    ]
    if interact:
        arguments.append("--interact")
    if matrix_size:
        arguments += ["--matrix-size", *map(str, matrix_size)]
    if args.profile is not None:
        arguments += ["--profile", str(args.profile)]
    what = f"{implementation} matrix worker on {board.name}"
    return spawn_worker(Path(__file__).resolve(), arguments, home, what)


def combine(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One implementation's figures: show over its processes, rescores from the first."""
    shows = [r["show"]["show_ms"] for r in runs]
    return {
        "show": summary(shows),
        "show_samples_ms": shows,
        "show_phases_ms": {
            phase: statistics.median(r["show"]["phases"][phase] for r in runs)
            for phase in runs[0]["show"]["phases"]
        },
        "counts": runs[0]["counts"],
        "rescore": runs[0]["rescore"],
        "cpu_gauge_ms": statistics.median(r["cpu_gauge_ms"] for r in runs),
    }


def run_size(size: int, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Measure both implementations on one generated board.

    Their processes alternate (ldboard, reference, ldboard, …; the first of each
    also rescores), so a slow spell of the machine weighs on both alike. The
    reference gets the size of ldboard's matrix view.
    """
    from generate import generate_board

    print(f"\n== {size:,} items ==", flush=True)
    began = time.perf_counter()
    generated = generate_board(workdir / f"matrix-{size}.ldboard", size)
    implementations = {"ldboard": args.repeats, "reference": args.reference_repeats}
    boards = {
        name: fresh_copy(generated.path, workdir / f"matrix-{name}-{size}.ldboard")
        for name in implementations
    }
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in implementations}
    matrix_size = None
    for n in range(max(implementations.values())):
        for name, repeats in implementations.items():
            if n < repeats:
                run = run_worker(
                    name, boards[name], args, workdir, interact=n == 0, matrix_size=matrix_size
                )
                runs[name].append(run)
                matrix_size = matrix_size or run["counts"]["matrix_size"]
    result: dict[str, Any] = {"size": size, "column_sizes": generated.column_sizes}
    result |= {name: combine(runs[name]) for name in implementations}
    print(f"measured in {time.perf_counter() - began:.1f} s", flush=True)
    placed = {name: result[name]["counts"]["placed"] for name in implementations}
    if len(set(placed.values())) != 1:
        raise RuntimeError(f"the two matrices place different numbers of items: {placed}")
    return result


def verdicts(result: dict[str, Any]) -> list[dict[str, Any]]:
    mine, theirs = result["ldboard"], result["reference"]
    return [
        verdict_row(
            "show",
            result["size"],
            mine["show"]["median"],
            theirs["show"]["median"],
            BUDGETS["show"],
        ),
        verdict_row(
            "rescore",
            result["size"],
            mine["rescore"]["all"]["median"],
            theirs["rescore"]["all"]["median"],
            BUDGETS["rescore"],
            mine_p95=mine["rescore"]["all"]["p95"],
            theirs_p95=theirs["rescore"]["all"]["p95"],
            reference_samples=theirs["rescore"]["all"]["count"],
        ),
    ]


def print_details(results: list[dict[str, Any]]) -> None:
    for result in results:
        for implementation in ("ldboard", "reference"):
            data = result[implementation]
            phases = ", ".join(f"{k[:-3]} {v:.0f}" for k, v in data["show_phases_ms"].items())
            rescore = data["rescore"]
            parts = "/".join(f"{rescore[p]['median']:.1f}" for p in ("events", "repaint", "after"))
            counts = data["counts"]
            tray = f", {counts['unscored_tray']} in the tray" if "unscored_tray" in counts else ""
            print(
                f"{result['size']:>7,} {implementation:<9} show phases (ms): {phases}; "
                f"rescore events/repaint/after median {parts} ms "
                f"({rescore['all']['count']} of {rescore['requested']}, "
                f"cells of {rescore['cell_sizes'][0]} and {rescore['cell_sizes'][1]} items); "
                f"{counts['placed']} items placed, {counts['widgets_or_chips']} chips or "
                f"widgets{tray}, matrix {counts['matrix_size'][0]}×{counts['matrix_size'][1]}; "
                f"CPU gauge {data['cpu_gauge_ms']:.0f} ms"
            )


def print_footnote() -> None:
    print(
        "\nshow: median of fresh processes, from show_matrix() to the end of the first paint;"
        "\nrescore: median / p95 per drag, events + synchronous repaint of the matrix;"
        "\nratio = ldboard ÷ reference (below 1 means ldboard is cheaper)."
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_shared_arguments(parser, timed="rescoring", phases="show/rescores")
    parser.add_argument("--rescores", type=int, default=150, help="rescores per size (timed)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1,000 items, 30 rescores")
    parser.add_argument("--matrix-size", type=int, nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.rescores, args.repeats, args.reference_repeats = [1000], 30, 3, 1
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def warm_up(workdir: Path, empty: Path) -> None:
        for implementation in ("ldboard", "reference"):  # caches every module a worker imports
            run_worker(implementation, empty, args, workdir, interact=False)

    def report(results: list[dict[str, Any]]) -> None:
        print_footnote()
        print()
        print_details(results)

    return run_benchmark(
        args,
        name="matrix",
        noun="items",
        worker=worker,
        warm_up=warm_up,
        run_size=lambda size, workdir: run_size(size, args, workdir),
        verdicts=verdicts,
        report=report,
        labels=LABELS,
        units=UNITS,
        budgets=BUDGETS,
        settings={"rescores": args.rescores, "cells": CELLS, "quick": args.quick},
    )


if __name__ == "__main__":
    raise SystemExit(main())
