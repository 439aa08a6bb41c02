"""Flow metrics over a year of a busy board: 10,000 items and over 100,000 events.

The board comes from ``generate.py``; its activity log is then written in bulk
(not through ``ops``, which would measure the generator): every item is
created on a day of the year, wanders through the columns with realistic gaps
(one move in ten undone at once), is planned into the fortnight's iteration
when work starts, some are archived (a few restored), and a few hundred items
are created, moved and deleted. Items end exactly where the log leaves them.

Measured in this process, each figure the median of ``--repeats`` runs:
reading and replaying the log (``Board.flow_history``), each metric on its own,
and everything a charts view asks for at once (read + every metric), against
the budget of 300 ms. The reference, measured in the same run, is the naive
way to get cycle times: one SQL query per item for its events, each event's
JSON parsed in Python. Run::

    .venv/bin/python benchmarks/flow_bench.py [--items 10000] [--repeats 7]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the saved results name the Qt platform
HERE = Path(__file__).resolve().parent
for folder in (HERE.parent, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from _common import print_table, save_results, verdict_row  # noqa: E402
from generate import RANK_STEP, generate_board  # noqa: E402

from ldboard.domain import flow  # noqa: E402
from ldboard.store import Board  # noqa: E402

BUDGET_MS = 300.0
YEAR_START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 31, 17, 0, tzinfo=UTC)
FORTNIGHT = timedelta(days=14)
DELETED_ITEMS = 300


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- the board ------------------------------------------------------------------------------


def prepare_board(path: Path, items: int, seed: int = 20261231) -> dict[str, int]:
    """Generate ``path`` with ``items`` items and a year of events; their counts."""
    generate_board(path, items)
    rng = random.Random(seed)
    board = Board.open(path, clock=lambda: NOW)
    conn = board.connection
    try:
        columns = {row[0]: row[1] for row in conn.execute("SELECT id, category FROM columns")}
        column_ids = sorted(columns)
        iterations = _insert_iterations(conn)
        events: list[tuple[str, int, str, str]] = []
        finals = conn.execute("SELECT id, key, title, column_id FROM items").fetchall()
        updates = []
        by_category = {
            category: [c for c in column_ids if columns[c] == category]
            for category in ("backlog", "active", "done")
        }
        for item_id, key, title, _ in finals:
            # After a year most work is finished: 55 % done, 20 % in progress, 25 % waiting.
            category = rng.choices(("done", "active", "backlog"), (55, 20, 25))[0]
            column = rng.choice(by_category[category])
            story = _story(rng, item_id, key, title, column, column_ids, columns, iterations)
            events += story["events"]
            updates.append(
                (
                    story["iteration_id"],
                    story["archived_at"],
                    story["created_at"],
                    column,
                    RANK_STEP * item_id,
                    story["moved_at"] if category == "done" else None,
                    item_id,
                )
            )
        first_deleted = max(row[0] for row in finals) + 1
        for item_id in range(first_deleted, first_deleted + DELETED_ITEMS):
            key = f"LD-{item_id}"
            story = _story(
                rng, item_id, key, "Gone", rng.choice(column_ids), column_ids, columns, iterations
            )
            events += story["events"]
            last = max(ts for ts, *_ in story["events"])
            gone = {"before": {"key": key, "title": "Gone"}}
            events.append((_later(last, rng), item_id, "deleted", json.dumps(gone)))
        events.sort(key=lambda event: event[0])
        with board.transaction():
            conn.executemany(
                "UPDATE items SET iteration_id = ?, archived_at = ?, created_at = ?, "
                "column_id = ?, rank = ?, done_at = ? WHERE id = ?",
                updates,
            )
            conn.executemany(
                "INSERT INTO events (ts, item_id, kind, data) VALUES (?, ?, ?, ?)", events
            )
            conn.execute(
                "UPDATE sqlite_sequence SET seq = ? WHERE name = 'items'",
                (first_deleted + DELETED_ITEMS,),
            )
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        total = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    finally:
        board.close()
    return {"items": items, "events": total, "iterations": len(iterations)}


def _insert_iterations(conn) -> list[tuple[int, datetime, datetime]]:
    """Two-week iterations over the year: all closed but the running one."""
    rows = []
    start = YEAR_START
    number = 0
    while start < NOW:
        number += 1
        end = start + FORTNIGHT - timedelta(days=1)
        active = start + FORTNIGHT > NOW
        rows.append(
            (
                f"Sprint {number}",
                start.date().isoformat(),
                end.date().isoformat(),
                "active" if active else "closed",
                stamp(start),
                None if active else stamp(end + timedelta(hours=8)),
            )
        )
        start += FORTNIGHT
    with conn:
        conn.executemany(
            'INSERT INTO iterations (name, start, "end", state, started_at, closed_at) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    return [
        (
            row[0],
            datetime.fromisoformat(row[1] + "T00:00:00+00:00"),
            datetime.fromisoformat(row[2] + "T23:59:59+00:00"),
        )
        for row in conn.execute('SELECT id, start, "end" FROM iterations ORDER BY id')
    ]


def _later(ts: str, rng: random.Random) -> str:
    moment = datetime.fromisoformat(ts.replace("Z", "+00:00")) + timedelta(
        minutes=rng.randint(5, 600)
    )
    return stamp(min(moment, NOW))


def _story(rng, item_id, key, title, final, column_ids, categories, iterations) -> dict[str, Any]:
    """An item's events, ending in ``final``: created, wandering, planned, maybe archived."""
    moment = YEAR_START + timedelta(
        minutes=rng.randint(0, int((NOW - YEAR_START).total_seconds() // 60) - 60 * 24 * 30)
    )
    created = stamp(moment)
    events = [
        (
            created,
            item_id,
            "created",
            json.dumps({"after": {"key": key, "title": title, "column_id": column_ids[0]}}),
        )
    ]
    path = [rng.choice(column_ids) for _ in range(rng.randint(3, 11))] + [final]
    where = column_ids[0]
    iteration_id = None
    budget = (NOW - moment) / (len(path) + 2)
    for target in path:
        if target == where:
            continue
        moment += timedelta(seconds=rng.randint(60, max(61, int(budget.total_seconds()))))
        events.append((stamp(moment), item_id, "moved", _move(where, target, False)))
        if rng.random() < 0.1:  # dragged by mistake, undone at once
            events.append(
                (stamp(moment + timedelta(seconds=5)), item_id, "moved", _move(target, where, True))
            )
            moment += timedelta(seconds=30)
            events.append((stamp(moment), item_id, "moved", _move(where, target, False)))
        if categories[target] == "active" and iteration_id is None:
            sprint = next((i for i, start, end in iterations if start <= moment <= end), None)
            if sprint is not None:
                moment += timedelta(seconds=1)
                plan = {"before": {"iteration_id": None}, "after": {"iteration_id": sprint}}
                events.append((stamp(moment), item_id, "planned", json.dumps(plan)))
                iteration_id = sprint
        where = target
    moved_at = stamp(moment)
    archived_at = None
    if rng.random() < 0.08 and moment + timedelta(hours=250) < NOW:
        moment += timedelta(hours=rng.randint(1, 200))
        events.append((stamp(moment), item_id, "archived", json.dumps({"column_id": where})))
        archived_at = stamp(moment)
        if rng.random() < 0.3:
            moment += timedelta(hours=rng.randint(1, 48))
            events.append((stamp(moment), item_id, "restored", json.dumps({"column_id": where})))
            archived_at = None
    return {
        "events": events,
        "iteration_id": iteration_id,
        "archived_at": archived_at,
        "created_at": created,
        "moved_at": moved_at,
    }


def _move(source: int, target: int, undo: bool) -> str:
    data: dict[str, Any] = {
        "before": {"column_id": source, "rank": 1024.0},
        "after": {"column_id": target, "rank": 2048.0},
    }
    if undo:
        data["undo"] = True
    return json.dumps(data)


# --- what is measured -----------------------------------------------------------------------


def every_metric(board: Board, history: flow.FlowHistory | None = None) -> dict[str, Any]:
    """What the charts view asks for: a year of each metric, and the burn-up of the
    busiest sprint."""
    history = history or board.flow_history()
    first, last = date(2026, 1, 1), history.today()
    return {
        "cfd": flow.cumulative_flow(history, first, last),
        "burn_up": flow.burn_up(history, busiest(history)),
        "throughput": flow.throughput(history, first, last),
        "cycle_times": flow.cycle_times(history, first, last),
        "age": flow.work_item_age(history, first, last),
    }


def busiest(history: flow.FlowHistory) -> int:
    """The iteration with the most items planned into it (the running sprint of the
    generated year has hardly begun, so its burn-up would measure nothing)."""
    return max(history.planned_into, key=lambda iteration: len(history.planned_into[iteration]))


def naive_cycle_times(board: Board) -> list[tuple[int, float]]:
    """Cycle times the straightforward way: one query per item, JSON parsed per event."""
    conn = board.connection
    category = dict(conn.execute("SELECT id, category FROM columns"))
    found = []
    for (item_id,) in conn.execute("SELECT id FROM items").fetchall():
        started = finished = None
        for ts, kind, data in conn.execute(
            "SELECT ts, kind, data FROM events WHERE item_id = ? ORDER BY id", (item_id,)
        ):
            parsed = json.loads(data)
            if kind not in ("created", "moved") or parsed.get("undo"):
                continue
            where = category.get(parsed["after"]["column_id"])
            if where == "active" and started is None:
                started = ts
            elif where == "done" and finished is None:
                finished = ts
        if started and finished and started <= finished:
            found.append((item_id, flow.elapsed_days(started, finished)))
    return found


def timed(function, repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        began = time.perf_counter()
        function()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def cold(board: Board) -> flow.FlowHistory:
    """``flow_history`` as on a board just opened: the whole log replayed."""
    board._flow = None
    return board.flow_history()


def log_moves(board: Board, count: int, rng: random.Random) -> None:
    """``count`` new moves in the log (what a person does between two chart refreshes)."""
    conn = board.connection
    columns = [row[0] for row in conn.execute("SELECT id FROM columns")]
    items = [row[0] for row in conn.execute("SELECT id FROM items LIMIT 500")]
    with board.transaction():
        conn.executemany(
            "INSERT INTO events (ts, item_id, kind, data) VALUES (?, ?, 'moved', ?)",
            [
                (stamp(NOW), rng.choice(items), _move(*rng.sample(columns, 2), False))
                for _ in range(count)
            ],
        )


def warm_slices(board: Board) -> list[float]:
    """Each slice of the idle-time replay after opening, in milliseconds."""
    board._flow = None
    slices = []
    while True:
        began = time.perf_counter()
        done = board.warm_flow_history()
        slices.append((time.perf_counter() - began) * 1000)
        if done:
            return slices


def measure(path: Path, repeats: int, reference_repeats: int) -> dict[str, float]:
    board = Board.open(path, clock=lambda: NOW, quick_check=False)
    rng = random.Random(7)
    try:
        history = board.flow_history()
        first, last = date(2026, 1, 1), history.today()
        sprint = busiest(history)

        def fresh_h() -> flow.FlowHistory:
            # The same history without what earlier samples remembered: each metric
            # is timed on its own, as if it were the first one asked.
            return dataclasses.replace(history, memo={})

        def after_moves() -> float:
            log_moves(board, 20, rng)
            began = time.perf_counter()
            every_metric(board)
            return (time.perf_counter() - began) * 1000

        slices = warm_slices(board)
        figures = {
            "read": timed(lambda: cold(board), repeats),
            "catch_up": timed(lambda: board.flow_history(), repeats),
            "cfd": timed(lambda: flow.cumulative_flow(fresh_h(), first, last), repeats),
            "burn_up": timed(lambda: flow.burn_up(fresh_h(), sprint), repeats),
            "throughput": timed(lambda: flow.throughput(fresh_h(), first, last), repeats),
            "cycle_times": timed(lambda: flow.cycle_times(fresh_h(), first, last), repeats),
            "age": timed(lambda: flow.work_item_age(fresh_h(), first, last), repeats),
            "all": statistics.median(after_moves() for _ in range(repeats)),
            "all_cold": timed(lambda: every_metric(board, cold(board)), max(1, repeats // 2)),
            "slice": max(slices),
            "reference": timed(lambda: naive_cycle_times(board), reference_repeats),
        }
        result = every_metric(board, history)
        figures["finished"] = len(result["cycle_times"].items)
        figures["in_progress"] = len(result["age"].items)
        figures["slices"] = len(slices)
    finally:
        board.close()
    return figures


LABELS = {
    "read": "read + replay the whole log",
    "catch_up": "history, log replayed already",
    "cfd": "cumulative flow, a year",
    "burn_up": "burn-up, busiest sprint",
    "throughput": "throughput, a year",
    "cycle_times": "cycle/lead time, a year",
    "age": "work-item age",
    "all": "all flow metrics",
    "all_cold": "all, whole log replayed",
    "slice": "longest idle-time slice",
}
BUDGETS = {"all": BUDGET_MS, "slice": 50.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--reference-repeats", type=int, default=3)
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--no-save", action="store_true", help="do not write the JSON results")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ldboard-flow-") as folder:
        path = Path(folder) / "flow.ldboard"
        began = time.perf_counter()
        counts = prepare_board(path, args.items)
        print(
            f"board: {counts['items']:,} items, {counts['events']:,} events, "
            f"{counts['iterations']} iterations (generated in {time.perf_counter() - began:.1f} s)"
        )
        figures = measure(path, args.repeats, args.reference_repeats)
    print(
        f"finished items in the year: {figures['finished']:,}; "
        f"in progress: {figures['in_progress']:,}"
    )
    reference = figures["reference"]
    rows = [
        verdict_row(metric, args.items, figures[metric], reference, BUDGETS.get(metric))
        for metric in LABELS
    ]
    print_table(rows, LABELS, dict.fromkeys(LABELS, "ms"), "items")
    print(
        "\nreference: cycle times the naive way (one query per item, JSON parsed in Python), "
        f"median of {args.reference_repeats}; ratio = ldboard ÷ reference."
    )
    if not args.no_save:
        saved = save_results(
            args.results, "flow", {"board": counts, "figures": figures, "rows": rows}
        )
        print(f"saved {saved}")
    return 0 if all(row["pass"] is not False for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
