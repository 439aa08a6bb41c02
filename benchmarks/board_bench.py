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
import json
import math
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

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
REFERENCE_TIME_LIMIT_S = 20.0
MIN_REFERENCE_SAMPLES = 20
WORKER_TIMEOUT_S = 1800
SEED = 7


# =====================================================================================
# Worker: runs in a fresh process, measures one implementation on one board file.
# =====================================================================================


class RepaintProbe:
    """Counts the repaints of a top-level window and notes when they end.

    Qt paints every dirty widget of a window synchronously while the window
    handles its UpdateRequest. The probe handles that event itself, so it knows
    the moment painting finished, before any other queued work runs. The first
    *complete* paint is the first one in which ``content`` (a column of cards)
    was painted too: an earlier one may show only an empty frame.
    """

    def __init__(self, window, content) -> None:
        from PySide6.QtCore import QEvent, QObject

        probe = self

        class _Filter(QObject):
            def eventFilter(self, watched, event) -> bool:
                kind = event.type()
                if kind == QEvent.Type.UpdateRequest and watched is window:
                    watched.event(event)  # paints now; filters are not consulted again
                    probe.count += 1
                    probe.painted_at = time.perf_counter()
                    if probe.first_painted_at is None and probe._content_painted:
                        probe.first_painted_at = probe.painted_at
                    return True
                if kind == QEvent.Type.Paint:
                    probe.count += watched is window
                    probe._content_painted |= watched is content
                return False

        self.count = 0
        self.painted_at: float | None = None
        self.first_painted_at: float | None = None
        self._content_painted = False
        self._filter = _Filter()
        window.installEventFilter(self._filter)
        content.installEventFilter(self._filter)


def settle(app, probe: RepaintProbe, since: int, timeout_s: float = 120.0) -> bool:
    """Run the event loop until a repaint has happened since the probe read ``since``
    (possibly already, inside the action) and two passes then found nothing more.

    Returns ``False`` if no repaint happened within ``timeout_s`` (reported, so a
    figure that skipped painting is never mistaken for a fast one).
    """
    deadline = time.perf_counter() + timeout_s
    painted = probe.count != since
    quiet = 0
    while quiet < 2:
        before = probe.count
        app.processEvents()
        if probe.count != before:
            painted, quiet = True, 0
        elif painted:
            quiet += 1
        elif time.perf_counter() > deadline:
            return False
    return True


def drain(app, passes: int = 3) -> None:
    """Let pending work (layouts, deferred deletes, repaints) finish outside a timing."""
    for _ in range(passes):
        app.processEvents()


def rss_mb() -> float:
    import gc

    import psutil

    gc.collect()
    return psutil.Process().memory_info().rss / 1e6


def summary(samples: list[float]) -> dict[str, Any]:
    ordered = sorted(samples)
    if not ordered:
        return {"count": 0}
    p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]  # nearest-rank
    return {
        "count": len(ordered),
        "median": statistics.median(ordered),
        "p95": p95,
        "min": ordered[0],
        "max": ordered[-1],
    }


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


def profiled(directory: Path | None, name: str, function):
    """Call ``function``, under cProfile when ``--profile`` asked for it, so a figure
    that misses its budget comes with the functions its time went to."""
    if directory is None:
        return function()
    import cProfile

    profile = cProfile.Profile()
    try:
        return profile.runcall(function)
    finally:
        profile.dump_stats(directory / f"{name}.pstats")


def fail_on_callback_errors() -> None:
    """Make an exception raised inside a Qt callback (a slot, an event handler) end
    the worker: PySide6 only prints those, and a figure measured past one would be
    the cost of an error, not of the work."""

    def hook(kind, error, trace) -> None:
        sys.__excepthook__(kind, error, trace)
        os._exit(3)

    sys.excepthook = hook


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


def worker_environment(home: Path) -> dict[str, str]:
    """The environment of every worker: Python modules load from compiled bytecode.

    An installed ldboard has its bytecode compiled at install time. Where
    PYTHONDONTWRITEBYTECODE is set (as in some sandboxes and CI), each process
    would compile ldboard's sources again, which adds tens of milliseconds to
    "open" that no user pays. Workers use a private PYTHONPYCACHEPREFIX in the
    work folder instead, so no ``__pycache__`` appears in the source tree.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


def warm_bytecode(home: Path, empty_board: Path, args: argparse.Namespace) -> None:
    """Fill the bytecode cache before any measurement: compile ldboard and the
    benchmark, then run one unmeasured worker per implementation, which caches
    every other module a worker imports (PySide6's Python parts, psutil, stdlib)."""
    env = worker_environment(home)
    sources = [str(ROOT / "ldboard"), str(HERE)]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *sources], env=env, check=True)
    subprocess.run(
        [sys.executable, "-c", "import PySide6.QtTest, PySide6.QtWidgets, psutil, cProfile"],
        env=env,
        check=True,
    )
    for implementation in ("ldboard", "reference"):
        run_worker(implementation, empty_board, args, home, interact=False)


def run_worker(
    implementation: str, board: Path, args: argparse.Namespace, home: Path, *, interact: bool
) -> dict[str, Any]:
    """Measure in a new process with private, empty config/data folders.

    Each worker gets new folders: the user's are untouched, and no worker restores
    the window geometry an earlier one saved (on the offscreen platform's 800×800
    screen that shrinks the window and hides the filter box in the toolbar's overflow).
    """
    private = Path(tempfile.mkdtemp(prefix="worker-", dir=home))
    out = private / "result.json"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        implementation,
        "--board",
        str(board),
        "--out",
        str(out),
        "--drops",
        str(args.drops),
        "--filter-rounds",
        str(args.filter_rounds),
        "--reference-time-limit",
        str(args.reference_time_limit),
    ]
    if interact:
        command.append("--interact")
    if args.profile is not None:
        command += ["--profile", str(args.profile)]
    env = worker_environment(home)
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[variable] = str(private / variable.lower())
    completed = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=WORKER_TIMEOUT_S, check=False
    )
    if completed.returncode != 0 or not out.exists():
        raise RuntimeError(
            f"{implementation} worker on {board.name} failed ({completed.returncode}):\n"
            f"{completed.stderr[-4000:]}"
        )
    return json.loads(out.read_text())


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


def fresh_copy(source: Path, target: Path) -> Path:
    """Give an implementation its own pristine copy of a generated board. A ``-wal``
    left beside the target by an earlier run (``--workdir``) would be replayed into
    the copy by SQLite and corrupt it, so those go first."""
    for suffix in ("-wal", "-shm", ".lock"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


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
    rows = []
    for metric in ("open", "drop", "filter", "rss"):
        mine = headline(result["ldboard"], metric)
        theirs = headline(result["reference"], metric)
        rows.append(
            {
                "metric": metric,
                "size": result["size"],
                "ldboard": mine,
                "ldboard_p95": p95(result["ldboard"], metric),
                "reference": theirs,
                "reference_p95": p95(result["reference"], metric),
                "ratio": mine / theirs if theirs > 0 else None,
                "budget": BUDGETS[metric],
                "pass": mine <= BUDGETS[metric],
                "reference_samples": result["reference"][metric]["all"]["count"]
                if metric in ("drop", "filter")
                else None,
            }
        )
    return rows


def format_figure(value: float | None, metric: str, tail: float | None = None) -> str:
    if value is None:
        return "–"
    text = f"{value:,.1f}"
    if tail is not None:
        text += f" / {tail:,.1f}"
    return text


def print_table(rows: list[dict[str, Any]]) -> None:
    """The human summary: times are median / p95 where there are many samples."""
    header = (
        f"{'metric':<20} {'cards':>7} {'ldboard':>17} {'reference':>19} "
        f"{'ratio':>7} {'budget':>9} {'':>5}"
    )
    print("\n" + header)
    print("-" * len(header))
    for row in rows:
        metric = row["metric"]
        unit = UNITS[metric]
        ratio = "–" if row["ratio"] is None else f"{row['ratio']:.3f}"
        budget = f"≤{row['budget']:g} {unit}"
        print(
            f"{LABELS[metric]:<20} {row['size']:>7,} "
            f"{format_figure(row['ldboard'], metric, row['ldboard_p95']):>14} {unit:<2} "
            f"{format_figure(row['reference'], metric, row['reference_p95']):>16} {unit:<2} "
            f"{ratio:>7} {budget:>9} {'PASS' if row['pass'] else 'FAIL':>5}"
        )
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


def source_tree() -> dict[str, Any]:
    """Which code was measured: the commit and the files changed since (read-only git)."""

    def git(*command: str) -> str:
        completed = subprocess.run(
            ["git", "--no-optional-locks", *command],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        return completed.stdout.rstrip() if completed.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or None
    if commit is None:
        return {"commit": None, "uncommitted": [], "note": f"{ROOT} is not a git checkout"}
    changed = [line[3:] for line in git("status", "--porcelain").splitlines()]
    return {"commit": commit, "uncommitted": changed}


def machine_info() -> dict[str, Any]:
    import psutil
    import PySide6
    from PySide6.QtCore import qVersion

    import ldboard

    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "pyside6": PySide6.__version__,
        "qt": qVersion(),
        "ldboard": ldboard.__version__,
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 1e9, 1),
        "qpa_platform": os.environ["QT_QPA_PLATFORM"],
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--drops", type=int, default=200, help="drops per size (timed)")
    parser.add_argument(
        "--filter-rounds", type=int, default=2, help=f"times each of {FILTER_WORDS} is typed"
    )
    parser.add_argument(
        "--repeats", type=int, default=7, help="fresh ldboard processes per open/RSS figure"
    )
    parser.add_argument(
        "--reference-repeats", type=int, default=3, help="the same for the reference"
    )
    parser.add_argument(
        "--reference-time-limit",
        type=float,
        default=REFERENCE_TIME_LIMIT_S,
        help="seconds after which the reference stops drops/keystrokes "
        f"(at least {MIN_REFERENCE_SAMPLES} are always taken)",
    )
    parser.add_argument("--label", default="", help="what is measured, kept in the JSON")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1,000 cards, 30 drops")
    parser.add_argument("--workdir", type=Path, help="where boards go (default: a temp folder)")
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="write cProfile .pstats of every open/drops/filter phase to DIR "
        "(figures are then inflated by the profiler)",
    )
    parser.add_argument("--worker", choices=("ldboard", "reference"), help=argparse.SUPPRESS)
    parser.add_argument("--board", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--interact", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.drops, args.filter_rounds = [1000], 30, 1
        args.repeats, args.reference_repeats = 3, 1
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.profile is not None:
        args.profile = args.profile.resolve()
        args.profile.mkdir(parents=True, exist_ok=True)
    if args.worker:
        result = worker(args)
        args.out.write_text(json.dumps(result))
        return 0
    began = time.perf_counter()
    source = source_tree() | {"label": args.label}
    changed = len(source["uncommitted"])
    print(f"ldboard in {ROOT} at {source['commit']}, {changed} uncommitted paths")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ldboard-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        from generate import generate_board

        warm_bytecode(workdir, generate_board(workdir / "warm-up.ldboard", 0).path, args)
        results = [run_size(size, args, workdir) for size in args.sizes]
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    rows = [row for result in results for row in verdicts(result)]
    print_table(rows)
    print()
    print_details(results)
    elapsed = time.perf_counter() - began
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    args.results.mkdir(parents=True, exist_ok=True)
    target = args.results / f"board-{stamp}.json"
    document = {
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine_info(),
        "source": source,
        "settings": {
            "sizes": args.sizes,
            "drops": args.drops,
            "filter_rounds": args.filter_rounds,
            "repeats": args.repeats,
            "reference_repeats": args.reference_repeats,
            "reference_time_limit_s": args.reference_time_limit,
            "quick": args.quick,
        },
        "budgets": BUDGETS,
        "summary": rows,
        "results": results,
        "duration_s": elapsed,
    }
    target.write_text(json.dumps(document, indent=2, ensure_ascii=False))
    print(f"\nfull run took {elapsed:.0f} s; results saved to {target}")
    return 0 if all(row["pass"] for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
