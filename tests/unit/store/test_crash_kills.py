"""A writer SIGKILLed at random moments never loses an acknowledged change nor damages the file.

A worker process opens the board, then creates, moves and edits cards through
``ldboard.ops`` in a loop, printing each change's identifying data once
``Board.apply`` has returned (that is when the app tells the user it is done).
The test kills it after a random number of acknowledgements, 20 times, each
worker reopening the file the previous one left (so every open recovers a
crashed session's WAL). Then the file must pass ``PRAGMA integrity_check`` and
hold every acknowledged change.

To keep this fast, the workers are forked from one process that has imported
ldboard once, instead of starting a Python interpreter per kill.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys

KILLS = 20

_ZYGOTE = r"""
import os, random, sys
from ldboard import ops
from ldboard.store import Board

def say(line):
    os.write(1, (line + "\n").encode())

def work(path, run, seed):
    rng = random.Random(seed)
    board = Board.open(path)
    columns = [column.id for column in board.columns()]
    mine = [card.id for card in board.cards()]
    step = 0
    while True:
        step += 1
        if step % 3 == 1 or not mine:
            title = f"run {run} card {step}"
            change = ops.create_item(board, rng.choice(columns), title)
            item = next(d.key[0] for d in change.rows if d.table == "items" and d.is_insert)
            mine.append(item)
            say(f"created {item} {title}")
        elif step % 3 == 2:
            item, column = rng.choice(mine), rng.choice(columns)
            change = ops.move_item(board, item, column, rng.randint(0, 3))
            if change is not None:
                moved = board.item(item)
                say(f"moved {item} {moved.column_id} {moved.rank!r}")
        else:
            item, title = rng.choice(mine), f"run {run} edit {step}"
            ops.edit_item(board, item, {"title": title})
            say(f"edited {item} {title}")

for line in sys.stdin:
    path, run, seed = line.split()
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        try:
            work(path, int(run), int(seed))
        except BaseException as error:
            say(f"failed {type(error).__name__}: {error}")
        finally:
            os._exit(1)
    say(f"worker {pid}")
    _, status = os.waitpid(pid, 0)
    say(f"dead {pid} {status}")
"""


def _acknowledged_changes(path, seed: int) -> list[tuple[str, ...]]:
    """Run and kill ``KILLS`` workers; returns every change they acknowledged."""
    rng = random.Random(seed)
    zygote = subprocess.Popen(
        [sys.executable, "-c", _ZYGOTE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    acknowledged: list[tuple[str, ...]] = []
    try:
        for run in range(KILLS):
            zygote.stdin.write(f"{path} {run} {rng.randrange(1 << 30)}\n")
            zygote.stdin.flush()
            kind, pid = zygote.stdout.readline().split()
            assert kind == "worker"
            kill_after = rng.randint(1, 12)
            for seen, line in enumerate(zygote.stdout, start=1):
                words = line.rstrip("\n").split(maxsplit=2)
                assert words[0] != "failed", line
                if words[0] == "dead":
                    assert int(words[2]) == signal.SIGKILL, "the worker died of the kill only"
                    break
                acknowledged.append(tuple(words))
                if seen == kill_after:
                    os.kill(int(pid), signal.SIGKILL)
    finally:
        zygote.stdin.close()
        zygote.kill()
        zygote.wait()
        zygote.stdout.close()
    return acknowledged


def _events(conn: sqlite3.Connection, item: int) -> list[tuple[str, dict]]:
    rows = conn.execute("SELECT kind, data FROM events WHERE item_id = ? ORDER BY id", (item,))
    return [(kind, json.loads(data)) for kind, data in rows]


def test_every_acknowledged_change_survives_random_kills(tmp_path):
    path = tmp_path / "plan.ldboard"
    acknowledged = _acknowledged_changes(path, seed=20261123)
    assert len(acknowledged) >= KILLS

    conn = sqlite3.connect(path)
    assert [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for kind, item, data in acknowledged:
        history = _events(conn, int(item))
        afters = [event.get("after") or {} for _, event in history]
        if kind == "created":
            assert ("created", data) in [
                (k, after.get("title")) for (k, _), after in zip(history, afters, strict=True)
            ], data
        elif kind == "edited":
            assert any(after.get("title") == data for after in afters), data
        else:
            column, rank = data.split()
            assert any(
                after.get("column_id") == int(column) and after.get("rank") == float(rank)
                for after in afters
            ), data
    # The cards are where their history says, whatever the last change before a kill was.
    for item, title, column in conn.execute("SELECT id, title, column_id FROM items"):
        afters = [event.get("after") or {} for _, event in _events(conn, item)]
        titles = [after["title"] for after in afters if "title" in after]
        columns = [after["column_id"] for after in afters if "column_id" in after]
        assert (title, column) == (titles[-1], columns[-1])
    conn.close()
