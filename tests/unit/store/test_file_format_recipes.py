"""The queries docs/file-format.md offers run on a real board and agree with ldboard."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from ldboard.store.demo import create_demo_board

DOC = Path(__file__).resolve().parents[3] / "docs" / "file-format.md"
_SQL = re.compile(r"```sql\n(.*?)```", re.DOTALL)


def recipes() -> dict[str, str]:
    """Each ```sql block of the document, by the heading it is under."""
    found: dict[str, str] = {}
    heading = ""
    for part in re.split(r"^(#{2,3} .*)$", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE):
        if part.startswith("#"):
            heading = part.lstrip("# ").strip()
            continue
        for number, block in enumerate(_SQL.findall(part)):
            found[f"{heading} #{number + 1}"] = block
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("recipes") / "demo.ldboard"
    board = create_demo_board(path)
    closed = board.iterations()[0]
    expected = {
        "closed": closed.name,
        "snapshot": len(board.snapshot(closed.id).items),
        "load": board.iteration_load(board.active_iteration().id),
        "actions": {
            c.entry.text: c.slips for c in board.carried_actions(board.active_iteration().id)
        },
        "active_actions": [
            e.text for e in board.retro_entries(board.active_iteration().id) if e.kind == "action"
        ],
    }
    board.close()
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    yield conn, expected
    conn.close()


def _run(conn: sqlite3.Connection, sql: str, closed_name: str) -> list[tuple]:
    return conn.execute(sql.replace("'Sprint 4'", f"'{closed_name}'")).fetchall()


@pytest.mark.parametrize("name", sorted(recipes()))
def test_every_recipe_runs(demo, name):
    conn, expected = demo
    sql = recipes()[name]
    if sql.lstrip().upper().startswith(("SELECT", "WITH")):
        _run(conn, sql, expected["closed"])
    else:  # schema excerpts (CHECK clauses) are not queries
        assert "CHECK" in sql


def test_the_snapshot_recipe_tells_the_closed_iteration(demo):
    conn, expected = demo
    rows = _run(
        conn,
        recipes()[
            "What a closed iteration committed to, added, removed, finished and carried over #1"
        ],
        expected["closed"],
    )
    assert len(rows) == expected["snapshot"]
    outcomes = {row[5] for row in rows}
    assert "done" in outcomes and any(o.startswith("carried over to ") for o in outcomes)


def test_the_capacity_recipe_agrees_with_ldboard(demo):
    conn, expected = demo
    [row] = _run(conn, recipes()["The active iteration against its capacity #1"], "")
    load = expected["load"]
    assert (row[5], row[7], row[8], row[4]) == (
        load.planned,
        load.items,
        load.unscored,
        load.capacity,
    )


def test_the_slip_recipe_agrees_with_ldboard(demo):
    conn, expected = demo
    rows = _run(
        conn, recipes()["Open retrospective actions, with their owners and slip counts #1"], ""
    )
    slips = {row[0]: row[4] for row in rows}
    for text, count in expected["actions"].items():
        if text in slips:
            assert slips[text] == count
    assert [slips[text] for text in expected["active_actions"]] == [0] * len(
        expected["active_actions"]
    )
    assert sorted(set(slips.values())) == [0, 1]
