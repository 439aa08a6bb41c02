"""The iteration benchmark's worker: one fresh process measures one implementation
(ldboard's main window or the QTableWidget reference) on one board file.

``iterations_bench.py --worker …`` runs :func:`worker`, which opens the board
window and lets it idle, opens the planning screen (timed) and, in the first
process of each implementation, clicks backlog headers, closes the active
iteration and undoes the close, and plans 500 backlog rows and undoes that,
timing each action to the end of its repaint.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import time
from pathlib import Path
from typing import Any

from _common import (
    MIN_REFERENCE_SAMPLES,
    RepaintProbe,
    cpu_gauge_ms,
    drain,
    fail_on_callback_errors,
    profiled,
    settle,
    summary,
)

#: How many backlog rows one plan moves.
PLAN_COUNT = 500
#: Headers clicked twice each in turn (ascending, then descending).
SORT_COLUMNS = ("Score", "Title", "Impact", "Requester", "Key", "Effort")
#: Verdicts given, in turn, to the done items with a hypothesis.
VERDICTS = ("validated", "invalidated", "inconclusive")
#: How long the board window stays idle before the planning screen opens.
IDLE_MS = 300
#: After this long, a series of actions stops once it has MIN_SAMPLES figures: an
#: action that misses its budget by orders of magnitude must not take hours to show it.
PHASE_TIME_LIMIT_S = 120.0
MIN_SAMPLES = 3
SEED = 13


def wait_until(ready, timeout_s: float = 60.0) -> None:
    from PySide6.QtTest import QTest

    deadline = time.perf_counter() + timeout_s
    while not ready():
        if time.perf_counter() > deadline:
            raise RuntimeError("the window never became idle")
        QTest.qWait(20)


def click_header(table, column: int) -> None:
    """A left click in the middle of a header section, as a person sorts."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    header = table.horizontalHeader()
    middle = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(middle, header.height() // 2),
    )


def bring_section_into_view(table, column: int) -> None:
    """Scroll the table sideways so a header section can be clicked (not timed)."""
    header = table.horizontalHeader()
    left = header.sectionViewportPosition(column)
    if left < 0 or left + header.sectionSize(column) > header.viewport().width():
        top = max(0, table.rowAt(0))
        table.scrollTo(table.model().index(top, column))


def in_order(values: list[Any], descending: bool, *, missing_last: bool = True) -> bool:
    """Whether ``values`` are sorted; missing values (``None``) last when asked."""
    present = [value for value in values if value is not None]
    if missing_last and any(value is None for value in values[: len(present)]):
        return False
    pairs = list(itertools.pairwise(present))
    return all(b <= a for a, b in pairs) if descending else all(a <= b for a, b in pairs)


class LdboardPlanning:
    """Drives ldboard's real main window and its planning screen."""

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
        self.session = self.window.session
        self.marks: dict[str, float] = {}
        self._time_changes(self.session.board)

    def _time_changes(self, board) -> None:
        """Note when a change reaches ``Board.apply``, when it is committed and its
        subscribers are told, and when they are done (the phases of a figure)."""
        apply, notify, marks = board.apply, board._notify, self.marks

        def timed_apply(change):
            marks.setdefault("apply", time.perf_counter())
            return apply(change)

        def timed_notify(change) -> None:
            marks.setdefault("notify", time.perf_counter())
            try:
                notify(change)
            finally:
                marks["notified"] = time.perf_counter()

        board.apply = timed_apply
        board._notify = timed_notify

    @property
    def page(self):
        return self.window.screen("iterationsView").built

    def open_planning(self) -> None:
        self.window.open_view("iterationsView")

    def content(self):
        return self.page.backlog_table.viewport()

    def backlog_table(self):
        return self.page.backlog_table

    def column(self, name: str) -> int:
        from ldboard.ui.iterations.planning_model import COLUMNS

        return COLUMNS.index(name)

    def counts(self) -> dict[str, Any]:
        page = self.page
        return {
            "backlog": page.backlog_table.model().rowCount(),
            "iteration": page.iteration_table.model().rowCount(),
            "page_size": list(page.size().toTuple()),
            "window_size": list(self.window.size().toTuple()),
        }

    def sort_key(self, name: str):
        """What ldboard sorts a column by, rebuilt here to check the order."""
        import re

        def key_number(key: str) -> int:
            digits = re.search(r"(\d+)$", key)
            return int(digits.group(1)) if digits else -1

        return {
            "Score": lambda r: r.score,
            "Title": lambda r: r.title.casefold(),
            "Impact": lambda r: r.impact,
            "Effort": lambda r: r.effort,
            "Requester": lambda r: r.requester.casefold() or None,
            "Key": lambda r: key_number(r.key),
        }[name]

    def sorted_values(self, name: str) -> tuple[list[Any], bool]:
        """The backlog's values of a column in table order, and whether missing
        values must come last (ldboard puts them last either way)."""
        get = self.sort_key(name)
        return [get(row) for row in self.backlog_table().model().rows()], True

    def board_order(self) -> None:
        from PySide6.QtCore import Qt

        header = self.backlog_table().horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def quiet(self) -> None:
        """Before a timed action: what 1.5 s of idleness does (fold the log into the
        file), then an empty event loop, so no timer fires inside the figure."""
        self.session.checkpoint()
        drain(self.app)

    def phases(self, begin: float, returned: float, end: float) -> dict[str, float]:
        marks = self.marks
        if not {"apply", "notify", "notified"} <= set(marks):
            raise RuntimeError("the action wrote nothing to the board")
        points = [begin, marks["apply"], marks["notify"], marks["notified"], returned, end]
        names = ("ops", "write", "update", "rest", "paint")
        return {
            f"{n}_ms": (b - a) * 1000
            for n, (a, b) in zip(names, itertools.pairwise(points), strict=True)
        }

    # --- planning ----------------------------------------------------------------------

    def select_backlog_rows(self, rows: list[int]) -> list[int]:
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        table = self.backlog_table()
        model = table.model()
        selection = QItemSelection()
        last = model.columnCount() - 1
        for row in rows:
            selection.select(model.index(row, 0), model.index(row, last))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        table.selectionModel().select(selection, flags | QItemSelectionModel.SelectionFlag.Rows)
        return [model.item_id(row) for row in rows]

    def plan_selected(self) -> None:
        from PySide6.QtGui import QAction

        action = self.window.findChild(QAction, "actionPlanSelected")
        if not action.isEnabled():
            raise RuntimeError("Plan Selected Items is disabled with 500 backlog rows selected")
        action.trigger()

    def check_planned(self, ids: list[int]) -> None:
        page, board = self.page, self.session.board
        iteration = page.selected_iteration()
        planned = page.iteration_table.model()
        stored = board.connection.execute(
            "SELECT count(*) FROM items WHERE iteration_id = ? AND id IN "
            f"({','.join(map(str, ids))})",
            (iteration.id,),
        ).fetchone()[0]
        if stored != len(ids) or not all(planned.contains(i) for i in ids):
            raise RuntimeError("the planned items are not in the iteration")
        if any(page.backlog_table.model().contains(i) for i in ids):
            raise RuntimeError("planned items are still in the backlog")

    def undo(self) -> None:
        if not self.session.undo():
            raise RuntimeError("undo failed")

    reopen = undo

    # --- closing -----------------------------------------------------------------------

    def close_arguments(self) -> dict[str, Any]:
        """What the close dialog hands to the operation when accepted: every other
        unfinished item to the next iteration (the rest to the backlog, the default)
        and a verdict with an actual value for each done item with a hypothesis."""
        from ldboard import ops

        iteration = self.page.selected_iteration()
        preview = ops.close_preview(self.session.board, iteration.id)
        unfinished = {
            line.item_id: (None if n % 2 == 0 else ops.NEXT_ITERATION)
            for n, line in enumerate(preview.unfinished)
        }
        verdicts = {
            line.item_id: (VERDICTS[n % len(VERDICTS)], f"{40 + n % 50}")
            for n, line in enumerate(preview.to_verdict)
        }
        self.closing = {
            "iteration_id": iteration.id,
            "lines": len(preview.lines),
            "unfinished": len(unfinished),
            "verdicts": len(verdicts),
        }
        return {"iteration_id": iteration.id, "unfinished": unfinished, "verdicts": verdicts}

    def close(self, arguments: dict[str, Any]) -> None:
        from ldboard import ops

        change = self.session.perform(
            ops.close_iteration,
            arguments["iteration_id"],
            unfinished=arguments["unfinished"],
            verdicts=arguments["verdicts"],
        )
        if change is None:
            raise RuntimeError("closing the iteration failed")

    def check_closed(self, before: dict[str, Any]) -> None:
        board = self.session.board
        iteration_id = self.closing["iteration_id"]
        snapshot = board.snapshot(iteration_id)
        if board.iteration(iteration_id).state != "closed" or snapshot is None:
            raise RuntimeError("the iteration is not closed")
        if len(snapshot.items) != self.closing["lines"]:
            raise RuntimeError("the snapshot does not hold every item of the iteration")
        moved = self.closing["unfinished"]
        now = self.counts()
        if (now["backlog"], now["iteration"]) != (
            before["backlog"] + moved,
            before["iteration"] - moved,
        ):
            raise RuntimeError(f"the tables did not follow the close: {before} → {now}")


def timed(driver, action, what: str, phases=None) -> dict[str, Any]:
    """Run ``action`` and the event loop until the window has repainted and is quiet.

    The figure ends with the last repaint (or with the action, if it painted
    inside); "after" is what the event loop still ran before going quiet.
    ``phases(begin, returned, end)`` splits the figure (default: the driver's).
    """
    driver.quiet()
    probe = driver.probe
    driver.marks.clear()
    since = probe.count
    begin = time.perf_counter()
    action()
    returned = time.perf_counter()
    painted = settle(driver.app, probe, since)
    idle = time.perf_counter()
    if not painted or probe.painted_at is None:
        raise RuntimeError(f"{what} caused no repaint")
    end = max(probe.painted_at, returned)
    return {
        "ms": (end - begin) * 1000,
        "phases": (phases or driver.phases)(begin, returned, end),
        "after_ms": (idle - end) * 1000,
    }


def collect(samples: list[dict[str, Any]]) -> dict[str, Any]:
    """Summaries of a list of ``timed`` results: the figure, each phase, "after"."""
    figures = [s["ms"] for s in samples]
    phases = {
        name: statistics.median(s["phases"][name] for s in samples) for name in samples[0]["phases"]
    }
    return {
        "all": summary(figures),
        "samples_ms": figures,
        "phases_median_ms": phases,
        "after_median_ms": statistics.median(s["after_ms"] for s in samples),
        "phases_ms": [s["phases"] for s in samples],
    }


def measure_open(driver) -> dict[str, Any]:
    """Time View → Iterations until the first window paint that includes the backlog."""
    probe = driver.probe
    since = probe.count
    begin = time.perf_counter()
    driver.open_planning()
    called = time.perf_counter()
    if probe.count != since:
        raise RuntimeError("the window painted inside open_view; the probe would miss it")
    probe.expect(driver.content())
    painted = settle(driver.app, probe, since)
    idle = time.perf_counter()
    first = probe.first_painted_at
    if not painted or first is None:
        raise RuntimeError("the planning screen never painted")
    return {
        "open_ms": (first - begin) * 1000,
        "phases": {
            "call_ms": (called - begin) * 1000,
            "paint_ms": (first - called) * 1000,
            "idle_after_paint_ms": (idle - first) * 1000,
        },
    }


def enough(started: float, taken: int, time_limit_s: float | None) -> bool:
    """Whether a series may stop: the reference after ``time_limit_s`` once it has
    ``MIN_REFERENCE_SAMPLES`` figures; any implementation after ``PHASE_TIME_LIMIT_S``
    once it has ``MIN_SAMPLES`` (the JSON and the table say how many were taken)."""
    spent = time.perf_counter() - started
    if time_limit_s is not None and spent > time_limit_s and taken >= MIN_REFERENCE_SAMPLES:
        return True
    return spent > PHASE_TIME_LIMIT_S and taken >= MIN_SAMPLES


def measure_sorts(driver, count: int, time_limit_s: float | None) -> dict[str, Any]:
    """Click backlog headers: each of ``SORT_COLUMNS`` twice in turn (ascending, then
    descending), checking after each click that the rows follow the header."""
    from PySide6.QtCore import Qt

    table = driver.backlog_table()
    header = table.horizontalHeader()
    sorted_at: list[float] = []
    table.model().layoutChanged.connect(lambda *_: sorted_at.append(time.perf_counter()))

    def split(begin: float, returned: float, end: float) -> dict[str, float]:
        """Sorting (the click until the model has told the view), then painting."""
        if not sorted_at:
            raise RuntimeError("a header click did not sort the model")
        return {"sort_ms": (sorted_at[0] - begin) * 1000, "paint_ms": (end - sorted_at[0]) * 1000}

    samples = []
    started = time.perf_counter()
    for step in range(count):
        name = SORT_COLUMNS[(step // 2) % len(SORT_COLUMNS)]
        column = driver.column(name)
        bring_section_into_view(table, column)
        sorted_at.clear()
        sample = timed(
            driver, lambda column=column: click_header(table, column), f"sort {name}", split
        )
        if header.sortIndicatorSection() != column:
            raise RuntimeError(f"clicking the {name} header did not sort")
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        values, missing_last = driver.sorted_values(name)
        if not in_order(values, descending, missing_last=missing_last):
            raise RuntimeError(f"the backlog is not sorted by {name} after the click")
        sample["descending"] = descending
        sample["column"] = name
        samples.append(sample)
        if enough(started, len(samples), time_limit_s):
            break
    result = collect(samples)
    result["requested"] = count
    result["columns"] = [f"{s['column']} {'↓' if s['descending'] else '↑'}" for s in samples]
    return result


def measure_plans(driver, count: int, time_limit_s: float | None) -> dict[str, Any]:
    """Plan ``PLAN_COUNT`` backlog rows spread over the whole table, then undo."""
    rng = random.Random(SEED)
    driver.board_order()
    drain(driver.app)
    before = driver.counts()
    plans, undos = [], []
    started = time.perf_counter()
    for _ in range(count):
        rows = sorted(rng.sample(range(before["backlog"]), PLAN_COUNT))
        ids = driver.select_backlog_rows(rows)
        plans.append(timed(driver, driver.plan_selected, "planning"))
        driver.check_planned(ids)
        undos.append(timed(driver, driver.undo, "undoing the plan"))
        if driver.counts() != before:
            raise RuntimeError(f"undoing the plan left {driver.counts()}, not {before}")
        if enough(started, len(plans), time_limit_s):
            break
    result = collect(plans)
    result["undo"] = collect(undos)
    result["requested"] = count
    return result


def measure_closes(driver, count: int) -> dict[str, Any]:
    """Close the active iteration, check the file and the tables, undo; ``count`` times."""
    arguments = driver.close_arguments()
    before = driver.counts()
    closes, reopens = [], []
    started = time.perf_counter()
    for _ in range(count):
        closes.append(timed(driver, lambda: driver.close(arguments), "closing"))
        driver.check_closed(before)
        reopens.append(timed(driver, driver.reopen, "undoing the close"))
        if driver.counts() != before:
            raise RuntimeError(f"undoing the close left {driver.counts()}, not {before}")
        if enough(started, len(closes), None):
            break
    result = collect(closes)
    result["undo"] = collect(reopens)
    result["requested"] = count
    result["closing"] = driver.closing
    return result


def worker(args: argparse.Namespace) -> dict[str, Any]:
    """One fresh process: open the board and let it idle, open the planning screen,
    then (the first process of each implementation) sort, close and plan."""
    fail_on_callback_errors()
    import PySide6.QtWidgets  # noqa: F401

    if args.worker == "ldboard":
        driver: Any = LdboardPlanning()
    else:
        from iterations_reference import ReferencePlanning

        driver = ReferencePlanning(tuple(args.page_size) if args.page_size else None, IDLE_MS)
    stem = args.board.stem  # "iterations-ldboard-10000", or "warm-up"
    tag = stem if stem.startswith("iterations-") else f"iterations-{args.worker}-{stem}"
    driver.open(args.board)
    result: dict[str, Any] = {"cpu_gauge_ms": cpu_gauge_ms()}
    result["open"] = profiled(args.profile, f"{tag}-open", lambda: measure_open(driver))
    drain(driver.app)
    result["counts"] = driver.counts()
    if args.interact:
        limit = args.reference_time_limit if args.worker == "reference" else None
        result["sort"] = profiled(
            args.profile, f"{tag}-sorts", lambda: measure_sorts(driver, args.sorts, limit)
        )
        # Closing before planning: plans and their undos would leave "added, then
        # removed" events in the iteration that the close would then have to read.
        result["close"] = profiled(
            args.profile, f"{tag}-closes", lambda: measure_closes(driver, args.closes)
        )
        result["plan"] = profiled(
            args.profile, f"{tag}-plans", lambda: measure_plans(driver, args.plans, limit)
        )
    driver.window.close()
    return result
