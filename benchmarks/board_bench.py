"""Board performance benchmark: ldboard against a widget-per-card reference.

For each board size it measures, in fresh processes, the figures of
DESIGN.md section 6 for ldboard's real main window and for the
widget-per-card reference (``widget_reference.py``) built from the same board
file, and prints each ldboard figure beside the reference and their ratio:

* open + first paint: from just after ``import PySide6.QtWidgets`` to the end
  of the window's first paint that includes the first column's cards (ldboard
  imports, QApplication, ``build_main_window``, ``show`` and the paint);
* drop one card: real drag-enter/move/drop events on the destination column's
  viewport (ops + store commit + model update), then the repaint, alternating
  into and out of the big column so column sizes stay stable;
* filter keystroke: ``QTest.keyClick`` into the filter box, then the repaint;
* RSS delta: resident memory after the first paint of the N-card board minus
  the same of an empty board, each measured in its own fresh process.

"Repaint done" means: the window has handled its UpdateRequest (in which Qt
paints every dirty widget synchronously) and the event loop then had two passes
with nothing left to paint, so work deferred to the loop is counted. The
platform is forced to ``offscreen``.

Usage::

    .venv/bin/python benchmarks/board_bench.py [--sizes 1000 10000] [--drops 200] [--quick]
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
    drain,
    fail_on_callback_errors,
    fresh_copy,
    profiled,
    rss_mb,
    run_benchmark,
    settle,
    spawn_worker,
    summary,
    verdict_row,
)

#: DESIGN.md section 6, in the unit each metric is reported in.
BUDGETS = {"open": 300.0, "drop": 16.7, "filter": 30.0, "rss": 50.0}
UNITS = {"open": "ms", "drop": "ms", "filter": "ms", "rss": "MB"}
LABELS = {
    "open": "open + first paint",
    "drop": "drop one card",
    "filter": "filter keystroke",
    "rss": "RSS delta vs empty",
}
#: Typed into the filter box, each word then erased with backspaces.
FILTER_WORDS = ("coach", "safety", "leader")
#: Keeps the slow reference from running for many minutes at 10,000 cards.
SEED = 7


# =====================================================================================
# Worker: runs in a fresh process, measures one implementation on one board file.
# =====================================================================================


def open_window(driver, path: Path, load) -> dict[str, float]:
    """Import, create the application, build the window, show it and wait for its
    first paint; sets ``driver.app``, ``window``, ``probe`` and ``painted``.

    Returns the phases in ms. "show_paint" ends when the first paint has
    finished; "idle_after_paint" is the work the event loop still ran after it
    (deferred loading, for instance) before going quiet.
    """
    start = time.perf_counter()
    make_application, make_window = load()
    imported = time.perf_counter()
    driver.app = make_application()
    created = time.perf_counter()
    driver.window = make_window(path)
    built = time.perf_counter()
    driver.probe = RepaintProbe(driver.window, driver.content_widget())
    driver.window.show()
    driver.painted = settle(driver.app, driver.probe, since=0)
    idle = time.perf_counter()
    painted = driver.probe.first_painted_at or idle
    return {
        "import_ms": (imported - start) * 1000,
        "application_ms": (created - imported) * 1000,
        "build_ms": (built - created) * 1000,
        "show_paint_ms": (painted - built) * 1000,
        "idle_after_paint_ms": (idle - painted) * 1000,
    }


class LdboardDriver:
    """Drives ldboard's real main window."""

    name = "ldboard"

    def open(self, path: Path) -> dict[str, float]:
        def load():
            from ldboard.ui.app import build_main_window, ensure_application

            return ensure_application, build_main_window

        return open_window(self, path, load)

    @property
    def filter_box(self):
        return self.window.filter_bar.text

    def content_widget(self):
        """The first column's cards: the window has not shown the board before they paint."""
        first = self.window.board_model.columns[0].id
        return self.window.board_view.column_view(first).viewport()

    def columns(self) -> tuple[int, int]:
        """(big column, a small column) by card count."""
        models = self.window.board_model.column_models()
        ordered = sorted(models, key=lambda m: m.rowCount(), reverse=True)
        return ordered[0].column_id, ordered[1].column_id

    def column_of(self, item: int) -> int:
        card = self.window.board_model.card(item)
        assert card is not None
        return card.column_id

    def column_sizes(self) -> dict[int, int]:
        return {m.column_id: m.total_count() for m in self.window.board_model.column_models()}

    def prepare_drop(self, rng: random.Random, source: int, target: int, item: int | None):
        """Scroll the target to a random row and build the drag's data (not timed).

        Returns the timed action and the id of the card it moves.
        """
        from PySide6.QtWidgets import QAbstractItemView

        board_view = self.window.board_view
        source_model = board_view.column_view(source).column_model()
        if item is None:
            item = source_model.item_id(rng.randrange(source_model.rowCount()))
        mime = source_model.mimeData([source_model.index(source_model.row_of(item))])
        view = board_view.column_view(target)
        model = view.column_model()
        row = rng.randrange(model.rowCount())
        view.scrollTo(model.index(row), QAbstractItemView.ScrollHint.PositionAtCenter)
        drain(self.app)
        rect = view.visualRect(model.index(row))
        point = rect.topLeft()
        point.setX(point.x() + rect.width() // 2)
        point.setY(point.y() + rect.height() // 4)
        return (lambda: deliver_drop(view, mime, point)), item


class ReferenceDriver:
    """Drives the widget-per-card reference window."""

    name = "reference"

    def open(self, path: Path) -> dict[str, float]:
        def load():
            from PySide6.QtWidgets import QApplication
            from widget_reference import build_reference_window

            def make_application():
                return QApplication.instance() or QApplication([sys.argv[0]])

            return make_application, build_reference_window

        return open_window(self, path, load)

    @property
    def filter_box(self):
        return self.window.filter_text

    def content_widget(self):
        first = next(iter(self.window.columns.values()))
        return first.cards[0] if first.cards else first.header

    def columns(self) -> tuple[int, int]:
        ordered = sorted(self.window.columns.values(), key=lambda c: len(c.cards), reverse=True)
        ids = {column: column_id for column_id, column in self.window.columns.items()}
        return ids[ordered[0]], ids[ordered[1]]

    def column_of(self, item: int) -> int:
        columns = self.window.columns.items()
        return next(i for i, c in columns if any(w.card_id == item for w in c.cards))

    def column_sizes(self) -> dict[int, int]:
        return {column_id: len(c.cards) for column_id, c in self.window.columns.items()}

    def prepare_drop(self, rng: random.Random, source: int, target: int, item: int | None):
        window = self.window
        source_cards = window.columns[source].cards
        card = (
            rng.choice(source_cards)
            if item is None
            else next(c for c in source_cards if c.card_id == item)
        )
        target_cards = window.columns[target].cards
        position = rng.randrange(len(target_cards))
        window.scroll_to(target_cards[position])
        drain(self.app)
        return (lambda: window.move_card(card, target, position)), card.card_id


def deliver_drop(view, mime, point) -> None:
    """Drag-enter, drag-move and drop on the view's viewport, as the window system
    delivers them when a person drops a card (same as tests/gui/support.drop_at)."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    viewport = view.viewport()
    action = Qt.DropAction.MoveAction
    button, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, action, mime, button, modifiers)
    QApplication.sendEvent(viewport, enter)
    move = QDragMoveEvent(point, action, mime, button, modifiers)
    QApplication.sendEvent(viewport, move)
    drop = QDropEvent(QPointF(point), action, mime, button, modifiers)
    QApplication.sendEvent(viewport, drop)
    if not drop.isAccepted():
        raise RuntimeError("the column refused the drop")


def measure_drops(driver, count: int, time_limit_s: float | None) -> dict[str, Any]:
    """Time ``count`` drops, alternating into and out of the big column.

    Even drops take a random card of a small column to a random position of the
    big one; odd drops take that card back to a random position of the small
    column, so both columns keep their size. Each figure is the drop plus the
    repaint it causes.
    """
    rng = random.Random(SEED)
    big, small = driver.columns()
    sizes_before = driver.column_sizes()
    into, out_of = [], []
    started = time.perf_counter()
    item = None
    for step in range(count):
        going_in = step % 2 == 0
        source, target = (small, big) if going_in else (big, small)
        action, item = driver.prepare_drop(rng, source, target, None if going_in else item)
        since = driver.probe.count
        begin = time.perf_counter()
        action()
        painted = settle(driver.app, driver.probe, since)
        elapsed = (time.perf_counter() - begin) * 1000
        if not painted:
            raise RuntimeError("a drop caused no repaint")
        if driver.column_of(item) != target:
            raise RuntimeError(f"the drop did not move card {item} to column {target}")
        (into if going_in else out_of).append(elapsed)
        spent = time.perf_counter() - started
        over_time = time_limit_s is not None and spent > time_limit_s
        if over_time and step % 2 == 1 and step + 1 >= MIN_REFERENCE_SAMPLES:
            break
    if len(into) == len(out_of) and driver.column_sizes() != sizes_before:
        raise RuntimeError("the drops changed the column sizes")
    return {
        "all": summary(into + out_of),
        "into_big_column": summary(into),
        "out_of_big_column": summary(out_of),
        "samples_ms": into + out_of,
        "requested": count,
    }


def keystrokes(rounds: int) -> list[str]:
    """Each word typed one letter at a time, then erased with as many backspaces."""
    keys: list[str] = []
    for _ in range(rounds):
        for word in FILTER_WORDS:
            keys += list(word) + ["\b"] * len(word)
    return keys


def measure_filter(driver, rounds: int, time_limit_s: float | None) -> dict[str, Any]:
    """Time each keystroke in the filter box until the board has repainted."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    box = driver.filter_box
    box.setFocus()
    drain(driver.app)
    samples, typed = [], []
    inside = 0  # keystrokes whose repaint happened before the key event returned
    started = time.perf_counter()
    keys = keystrokes(rounds)
    for position, key in enumerate(keys):
        since = driver.probe.count
        begin = time.perf_counter()
        if key == "\b":
            QTest.keyClick(box, Qt.Key.Key_Backspace)
        else:
            QTest.keyClick(box, key)
        inside += driver.probe.count != since
        painted = settle(driver.app, driver.probe, since)
        samples.append((time.perf_counter() - begin) * 1000)
        typed.append(key)
        if not painted:
            raise RuntimeError(f"key {key!r} caused no repaint (filter text {box.text()!r})")
        word_done = box.text() == ""
        over_time = time_limit_s is not None and time.perf_counter() - started > time_limit_s
        if word_done and over_time and position + 1 >= MIN_REFERENCE_SAMPLES:
            break
    return {
        "all": summary(samples),
        "samples_ms": samples,
        "keys": "".join("⌫" if k == "\b" else k for k in typed),
        "repainted_inside_key_event": inside,
    }


def worker(args: argparse.Namespace) -> dict[str, Any]:
    """One fresh process: open and paint, RSS, then (optionally) drops and keystrokes."""
    fail_on_callback_errors()
    import PySide6.QtWidgets  # noqa: F401  (the clock starts once Qt is imported)

    driver = LdboardDriver() if args.worker == "ldboard" else ReferenceDriver()
    tag = f"{args.worker}-{args.board.stem}"
    phases = profiled(args.profile, f"{tag}-open", lambda: driver.open(args.board))
    open_ms = sum(ms for phase, ms in phases.items() if phase != "idle_after_paint_ms")
    if not driver.painted:
        raise RuntimeError("the window never painted")
    drain(driver.app)
    result: dict[str, Any] = {"open_ms": open_ms, "phases": phases, "rss_mb": rss_mb()}
    result["window_size"] = list(driver.window.size().toTuple())
    if not driver.filter_box.isVisible():
        raise RuntimeError(f"the filter box is hidden in a {result['window_size']} window")
    if args.interact:
        limit = args.reference_time_limit if args.worker == "reference" else None
        result["drop"] = profiled(
            args.profile, f"{tag}-drops", lambda: measure_drops(driver, args.drops, limit)
        )
        result["filter"] = profiled(
            args.profile,
            f"{tag}-filter",
            lambda: measure_filter(driver, args.filter_rounds, limit),
        )
    driver.window.close()
    return result


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
    """Open/RSS over several fresh processes (the first also interacts), plus as
    many on the empty board for the RSS baseline. The reference takes seconds per
    open at 10,000 cards, so it gets ``--reference-repeats`` instead of ``--repeats``."""
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
        "rss": {
            "delta_mb": full_rss - empty_rss,
            "board_mb": full_rss,
            "empty_board_mb": empty_rss,
            "method": "median RSS after first paint, N-card board minus empty board, "
            "each in its own fresh process",
        },
        "drop": runs[0]["drop"],
        "filter": runs[0]["filter"],
    }


def headline(result: dict[str, Any], metric: str) -> float:
    """The figure compared with the budget: median time, or the RSS delta."""
    if metric == "open":
        return result["open"]["median"]
    if metric == "rss":
        return result["rss"]["delta_mb"]
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
    for implementation in ("ldboard", "reference"):
        began = time.perf_counter()
        board = fresh_copy(generated.path, workdir / f"{implementation}-{size}.ldboard")
        result[implementation] = measure_implementation(
            implementation, board, empty.path, args, workdir
        )
        print(f"{implementation}: measured in {time.perf_counter() - began:.1f} s", flush=True)
    return result


def verdicts(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per metric: ldboard figure, reference figure, ratio, budget, verdict."""
    return [
        verdict_row(
            metric,
            result["size"],
            headline(result["ldboard"], metric),
            headline(result["reference"], metric),
            BUDGETS[metric],
            mine_p95=p95(result["ldboard"], metric),
            theirs_p95=p95(result["reference"], metric),
            reference_samples=result["reference"][metric]["all"]["count"]
            if metric in ("drop", "filter")
            else None,
        )
        for metric in ("open", "drop", "filter", "rss")
    ]


def print_footnote() -> None:
    """What the table's figures are."""
    print(
        "\ndrop and filter: median / p95 per event; open: median of fresh processes;"
        "\nRSS: median after first paint, N-card board minus empty board, separate processes;"
        "\nratio = ldboard ÷ reference (below 1 means ldboard is cheaper)."
    )


def print_details(results: list[dict[str, Any]]) -> None:
    for result in results:
        for implementation in ("ldboard", "reference"):
            data = result[implementation]
            phases = ", ".join(f"{k[:-3]} {v:.0f}" for k, v in data["open_phases_ms"].items())
            drop = data["drop"]
            print(
                f"{result['size']:>7,} {implementation:<9} open phases (ms): {phases}; "
                f"empty board open {data['open_empty_board']['median']:.0f} ms; "
                f"RSS {data['rss']['board_mb']:.0f} MB, "
                f"empty board {data['rss']['empty_board_mb']:.0f} MB; "
                f"drops into/out of big column median "
                f"{drop['into_big_column'].get('median', 0):.1f}/"
                f"{drop['out_of_big_column'].get('median', 0):.1f} ms "
                f"({drop['all']['count']} of {drop['requested']} drops); "
                f"{data['filter']['all']['count']} keystrokes"
            )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_shared_arguments(parser, timed="drops/keystrokes", phases="open/drops/filter")
    parser.add_argument("--drops", type=int, default=200, help="drops per size (timed)")
    parser.add_argument(
        "--filter-rounds", type=int, default=2, help=f"times each of {FILTER_WORDS} is typed"
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
        print_footnote()
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
        budgets=BUDGETS,
        settings={"drops": args.drops, "filter_rounds": args.filter_rounds, "quick": args.quick},
    )


if __name__ == "__main__":
    raise SystemExit(main())
