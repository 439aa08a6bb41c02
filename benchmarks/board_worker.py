"""The board benchmark's worker: one fresh process measures one implementation
(ldboard's main window or the widget-per-card reference) on one board file.

``board_bench.py --worker …`` runs :func:`worker`, which opens and paints the
window, waits until the board is fully loaded while a timer probe notes the
longest time the UI thread did not answer, reads the resident memory, and (in
the first process of each implementation) times drops and filter keystrokes.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

from _common import (
    MIN_REFERENCE_SAMPLES,
    RepaintProbe,
    StallProbe,
    cpu_gauge_ms,
    drain,
    fail_on_callback_errors,
    profiled,
    rss_mb,
    settle,
    summary,
)

#: Typed into the filter box, each word then erased with backspaces.
FILTER_WORDS = ("coach", "safety", "leader")
SEED = 7
#: A board that is not fully loaded by then is reported as an error, not a figure.
LOAD_TIMEOUT_S = 300.0


def open_window(driver, path: Path, load) -> dict[str, float]:
    """Import, create the application, build the window, show it and wait for its
    first paint; sets ``driver.app``, ``window``, ``probe`` and ``painted``.

    Returns the phases in ms. "show_paint" ends when the first paint has
    finished; "idle_after_paint" is the work the event loop still ran after it
    (deferred loading, for instance) before going quiet.
    """
    start = driver.started_at = time.perf_counter()
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
            from ldboard.ui.shell.app import build_main_window, ensure_application

            return ensure_application, build_main_window

        return open_window(self, path, load)

    @property
    def filter_box(self):
        return self.window.filter_bar.text

    def is_fully_loaded(self) -> bool:
        """Every card read: the rest of the board arrives in slices after the first paint."""
        return self.window.board_model.is_fully_loaded

    def time_filtering(self) -> list[float]:
        """From now on, note how long each new filter takes the board model (choosing
        the rows of every column), apart from repainting; returns the list it fills."""
        model = self.window.board_model
        set_filter = model.set_filter
        spent: list[float] = []

        def timed(card_filter) -> None:
            begin = time.perf_counter()
            set_filter(card_filter)
            spent.append((time.perf_counter() - begin) * 1000)

        model.set_filter = timed
        return spent

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

    def is_fully_loaded(self) -> bool:
        """The reference builds every card widget before its first paint."""
        return True

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
    filtering = driver.time_filtering() if hasattr(driver, "time_filtering") else None
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
    result = {
        "all": summary(samples),
        "samples_ms": samples,
        "keys": "".join("⌫" if k == "\b" else k for k in typed),
        "repainted_inside_key_event": inside,
    }
    if filtering is not None:  # the part of each keystroke spent choosing rows
        result["filtering"] = summary(filtering)
        result["filtering_samples_ms"] = filtering
    return result


def wait_until_loaded(driver) -> dict[str, Any]:
    """Run the event loop from the end of the first paint until the board is fully
    loaded and the loop is quiet again, with a stall probe running.

    Returns "open until fully loaded" (from the same start as *open*) and the
    longest stall: the largest gap between the ticks of a 1 ms timer, i.e. the
    longest stretch in which a key press or a click would have waited.
    """
    from PySide6.QtCore import QEventLoop

    probe = StallProbe()
    probe.start()
    deadline = time.perf_counter() + LOAD_TIMEOUT_S
    while not driver.is_fully_loaded():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"the board was not fully loaded after {LOAD_TIMEOUT_S:.0f} s")
        driver.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    settle(driver.app, driver.probe, since=None)
    loaded = time.perf_counter()
    probe.stop()
    return {
        "loaded_ms": (loaded - driver.started_at) * 1000,
        "stall_ms": probe.longest_ms,
        "stall_ticks": probe.ticks,
        "stalls_over_16ms": probe.gaps_over(16.7),
    }


def worker(args: argparse.Namespace) -> dict[str, Any]:
    """One fresh process: open and paint, wait for the full load, RSS, then
    (optionally) drops and keystrokes."""
    fail_on_callback_errors()
    gauge = cpu_gauge_ms()
    import PySide6.QtWidgets  # noqa: F401  (the clock starts once Qt is imported)

    driver = LdboardDriver() if args.worker == "ldboard" else ReferenceDriver()
    tag = f"{args.worker}-{args.board.stem}"
    phases = profiled(args.profile, f"{tag}-open", lambda: driver.open(args.board))
    open_ms = sum(ms for phase, ms in phases.items() if phase != "idle_after_paint_ms")
    if not driver.painted:
        raise RuntimeError("the window never painted")
    loading = profiled(args.profile, f"{tag}-load", lambda: wait_until_loaded(driver))
    drain(driver.app)
    result: dict[str, Any] = {
        "open_ms": open_ms,
        "phases": phases,
        **loading,
        "rss_mb": rss_mb(),
        "cpu_gauge_ms": gauge,
    }
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
