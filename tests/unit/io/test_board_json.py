"""Whole-board JSON: export, import into a new file, and every refusal."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ldboard import ops
from ldboard.io.board_json_export import write_board_json
from ldboard.store import Board
from ldboard.store.board_json import (
    FORMAT,
    OLDEST_SCHEMA_VERSION,
    TABLES,
    VERSION,
    BoardJsonError,
    table_columns,
)
from ldboard.store.board_json_export import render_board_json
from ldboard.store.board_json_import import DestinationError, import_board_json
from ldboard.store.clock import utc_now
from ldboard.store.creation import build_empty_board
from ldboard.store.demo import create_demo_board
from ldboard.store.schema import MIGRATION_NAMES, SCHEMA_VERSION
from tests.conftest import take_snapshot

#: Tables of a board file that are not the board's content (see docs/board-json.md).
NOT_EXPORTED = {"sqlite_sequence", "sqlite_stat1", "_sqlite_migrations"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, str]:
    """The demo board's file and its export (made once: the demo takes a while)."""
    path = tmp_path_factory.mktemp("demo") / "demo.ldboard"
    with create_demo_board(path) as board:
        return path, render_board_json(board.connection)


def _import(tmp_path: Path, text: str | bytes, name: str = "board.json") -> Path:
    source = tmp_path / name
    if isinstance(text, str):
        text = text.encode("utf-8")
    source.write_bytes(text)
    destination = tmp_path / "new.ldboard"
    import_board_json(source, destination)
    return destination


def test_demo_board_round_trip_is_byte_identical(demo, tmp_path):
    _, text = demo
    destination = _import(tmp_path, text)
    with Board.open(destination, create=False) as board:
        assert render_board_json(board.connection) == text
        assert board.integrity_check() == ["ok"]


def test_the_imported_board_holds_the_same_rows_and_log(demo, tmp_path):
    """Checked through the store's own reads, not through the exporter."""
    path, text = demo
    destination = _import(tmp_path, text)
    with Board.open(path, create=False) as original, Board.open(destination, create=False) as new:
        assert take_snapshot(new) == take_snapshot(original)
        log = "SELECT * FROM events ORDER BY id"
        assert new.connection.execute(log).fetchall() == original.connection.execute(log).fetchall()
        assert new.name == original.name


def test_the_document_lists_every_table_of_a_board(demo):
    """A table added by a future migration must be exported too, or this fails."""
    path, text = demo
    conn = sqlite3.connect(path)
    try:
        tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    document = json.loads(text)
    assert set(document["tables"]) == tables - NOT_EXPORTED
    assert list(document["tables"]) == list(TABLES)
    assert list(document) == ["format", "version", "schema_version", "sequences", "tables"]
    assert (document["format"], document["version"]) == (FORMAT, VERSION)
    assert document["schema_version"] == SCHEMA_VERSION
    assert all(document["tables"][t] for t in TABLES), "the demo fills every table"


def test_the_text_is_stable_and_readable(demo):
    _, text = demo
    document = json.loads(text)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    items = document["tables"]["items"]
    assert [i["id"] for i in items] == sorted(i["id"] for i in items)
    assert list(items[0])[:3] == ["id", "key", "title"]
    line = next(line for line in text.splitlines() if '"key": "LD-1"' in line)
    assert line.startswith('      {"id": 1, "key": "LD-1", ')
    links = [(r["item_id"], r["person_id"], r["role"]) for r in document["tables"]["item_people"]]
    assert links == sorted(links)


def test_text_is_written_as_is_and_json_columns_stay_text(board, tmp_path):
    ops.create_item(board, 1, "Émile’s “onboarding” ✓", fields={"description": 'a "b"\n\tc'})
    text = render_board_json(board.connection)
    assert "Émile’s “onboarding” ✓" in text
    event = json.loads(text)["tables"]["events"][0]
    assert isinstance(event["data"], str) and json.loads(event["data"])["after"]["key"] == "LD-1"
    destination = _import(tmp_path, text)
    with Board.open(destination, create=False) as new:
        assert new.item(1).title == "Émile’s “onboarding” ✓"
        assert new.item(1).description == 'a "b"\n\tc'


def test_numbers_come_back_exactly(board, tmp_path):
    """Floats are written as Python's shortest round-trip text, not SQLite's 15 digits."""
    fields = {"baseline": 0.1, "target": 1 / 3, "actual": 12345678.901234567, "estimate_days": 2}
    ops.create_item(board, 1, "Numbers", fields=fields)
    text = render_board_json(board.connection)
    assert '"baseline": 0.1, "target": 0.3333333333333333, "actual": 12345678.901234567' in text
    assert '"estimate_days": 2.0' in text
    destination = _import(tmp_path, text)
    with Board.open(destination, create=False) as new:
        item = new.item(1)
        assert (item.baseline, item.target, item.actual) == (0.1, 1 / 3, 12345678.901234567)
        assert new.row("items", (1,))["rank"] == board.row("items", (1,))["rank"]


def test_ids_and_sequences_continue_after_the_imported_ones(board, tmp_path):
    for title in ("One", "Two", "Three"):
        ops.create_item(board, 1, title)
    ops.delete_item(board, 3)  # id 3 and key LD-3 stay used
    ops.create_tag(board, "Sales")
    ops.delete_tag(board, 1)
    text = render_board_json(board.connection)
    assert json.loads(text)["sequences"]["items"] == 3
    destination = _import(tmp_path, text)
    with Board.open(destination, create=False) as new:
        ops.create_item(new, 2, "Four")
        ops.create_tag(new, "Retail")
        four = new.item(4)
        assert four is not None and (four.key, four.title) == ("LD-4", "Four")
        assert [t.id for t in new.tags()] == [2]
        before = new.connection.execute("SELECT max(id) FROM events").fetchone()[0]
        assert before == len(json.loads(text)["tables"]["events"]) + 2


def test_the_imported_log_is_still_append_only(demo, tmp_path):
    _, text = demo
    destination = _import(tmp_path, text)
    conn = sqlite3.connect(destination)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM events WHERE id = 1")
    finally:
        conn.close()


def test_write_board_json_writes_the_rendered_text(demo, tmp_path):
    path, text = demo
    out = tmp_path / "board.json"
    conn = sqlite3.connect(path)
    try:
        write_board_json(conn, out)
    finally:
        conn.close()
    assert out.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["board.json"]


# --- refusals --------------------------------------------------------------------------------

Edit = Callable[[dict[str, Any]], Any]


def _set(*path_and_value: Any) -> Edit:
    *path, value = path_and_value

    def edit(document: dict[str, Any]) -> None:
        target = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return edit


def _drop(*path: Any) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        target = document
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return edit


REFUSALS: list[tuple[str, Edit, str]] = [
    ("wrong format", _set("format", "ldboard-iteration-summary"),
     '$.format: expected "ldboard-board"'),
    ("newer layout", _set("version", VERSION + 1),
     f"$.version: layout {VERSION + 1} was written by a newer ldboard; this one reads up to"),
    ("version as text", _set("version", "1"), '$.version: expected a whole number ≥ 1, found "1"'),
    ("newer schema", _set("schema_version", SCHEMA_VERSION + 1), "$.schema_version: board format"),
    ("older schema", _set("schema_version", OLDEST_SCHEMA_VERSION - 1),
     f"$.schema_version: board format {OLDEST_SCHEMA_VERSION - 1} is older than this ldboard's "
     f"({SCHEMA_VERSION}) and is not converted."),
    ("unknown key", _set("comment", "hi"), "$.comment: unknown key."),
    ("tables not an object", _set("tables", []), "$.tables: expected an object, found a list."),
    ("missing table", _drop("tables", "notes"), "$.tables: the table “notes” is missing."),
    ("unknown table", _set("tables", "widgets", []), "$.tables.widgets: unknown table."),
    ("rows not a list", _set("tables", "tags", {}), "$.tables.tags: expected a list of rows"),
    ("row not an object", _set("tables", "tags", 2, [1]), "$.tables.tags[2]: expected a row"),
    ("unknown column", _set("tables", "items", 12, "colour", "red"),
     "$.tables.items[12].colour: unknown column; items has id, key, title"),
    ("missing column", _drop("tables", "items", 4, "rank"),
     "$.tables.items[4]: the column “rank” is missing."),
    ("wrong type", _set("tables", "items", 12, "column_id", "abc"),
     '$.tables.items[12].column_id: expected a whole number, found "abc".'),
    ("true as a number", _set("tables", "checklist_items", 0, "done", True),
     "$.tables.checklist_items[0].done: expected a whole number, found true."),
    ("null where required", _set("tables", "events", 7, "kind", None),
     "$.tables.events[7].kind: expected a string, found null."),
    ("number as text", _set("tables", "people", 1, "name", 5),
     "$.tables.people[1].name: expected a string, found 5."),
    ("text as a number", _set("tables", "items", 0, "baseline", "12"),
     '$.tables.items[0].baseline: expected a number or null, found "12".'),
    ("broken rule", _set("tables", "items", 3, "title", ""),
     "$.tables.items[3]: refused by the board's rules: CHECK constraint failed"),
    ("missing parent", _set("tables", "items", 5, "column_id", 999),
     "$.tables.items[5]: refused by the board's rules: FOREIGN KEY constraint failed"),
    ("same id twice", _set("tables", "tags", 1, "id", 1),
     "$.tables.tags[1]: refused by the board's rules: UNIQUE constraint failed: tags.id"),
    ("log data not JSON", _set("tables", "events", 20, "data", "{oops"),
     "$.tables.events[20]: refused by the board's rules"),
    ("no columns", lambda d: d["tables"].update(columns=[], items=[], item_people=[],
     item_tags=[], checklist_items=[], notes=[], retro_entries=[]),
     "$.tables.columns: a board needs at least one column."),
    ("number too large", _set("tables", "notes", 2, "item_id", 2**64),
     "$.tables.notes[2]: a number too large for the board"),
    ("an iteration summary", lambda d: d.update(format="ldboard-iteration-summary", board="B"),
     '$.format: expected "ldboard-board", found "ldboard-iteration-summary"'),
    ("unknown sequence", _set("sequences", "widgets", 3), "$.sequences.widgets: unknown table."),
    ("negative sequence", _set("sequences", "items", -1),
     "$.sequences.items: expected a whole number ≥ 0, found -1."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("edit", "expected"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_bad_documents_are_refused_with_their_place_and_nothing_is_written(
    demo, tmp_path, edit, expected
):
    document = json.loads(demo[1])
    edit(document)
    _refused(tmp_path, json.dumps(document, ensure_ascii=False), f"board.json: {expected}")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": "ldboard-board",\n  "version": 1,,}', "board.json: $: not JSON: Expecting"),
        (b"", "board.json: $: not JSON: Expecting value at line 1, column 1."),
        (b'{"format": "\xff"}', "board.json: $: not UTF-8 text (byte 12)."),
        (b"[1, 2]", "board.json: $: expected an object, found a list."),
    ],
    ids=["broken", "empty", "not utf-8", "a list"],
)
def test_files_that_are_not_board_json_are_refused(tmp_path, content, expected):
    _refused(tmp_path, content, expected)


def _refused(tmp_path: Path, text: str | bytes, expected: str) -> None:
    with pytest.raises(BoardJsonError) as raised:
        _import(tmp_path, text)
    assert expected in str(raised.value)
    assert isinstance(raised.value, ValueError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.json"], "nothing written"


def test_an_existing_file_is_refused_and_left_as_it_is(demo, tmp_path):
    source = tmp_path / "board.json"
    source.write_text(demo[1], encoding="utf-8")
    for existing in (tmp_path / "empty.ldboard", tmp_path / "notes.txt"):
        existing.write_bytes(b"" if existing.suffix == ".ldboard" else b"keep me")
        with pytest.raises(DestinationError, match="already exists; an import only creates"):
            import_board_json(source, existing)
    assert (tmp_path / "notes.txt").read_bytes() == b"keep me"
    assert (tmp_path / "empty.ldboard").read_bytes() == b""
    with pytest.raises(DestinationError, match=r"the folder .* does not exist"):
        import_board_json(source, tmp_path / "missing" / "new.ldboard")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "board.json",
        "empty.ldboard",
        "notes.txt",
    ]


def format_5_layout(tmp_path: Path) -> dict[str, list[str]]:
    """The tables and columns of a format-5 board, as a board of that format has them."""
    path = tmp_path / "format-5.ldboard"
    build_empty_board(path, "Older", utc_now, seeded=False, stop_before=MIGRATION_NAMES[5])
    conn = sqlite3.connect(path)
    try:
        return {
            t: [c.name for c in table_columns(conn, t)] for t in TABLES if table_columns(conn, t)
        }
    finally:
        conn.close()


def test_an_export_of_the_previous_format_is_imported_and_upgraded(tmp_path):
    """Format 5 had neither the measurements nor the intake tables nor their columns:
    its export comes in at format 5 and is upgraded by the migrations, giving the
    board a current export of it would."""
    with Board.in_memory() as board:
        first = board.columns()[0].id
        for title in ("Negotiation basics", "Coaching lab"):
            ops.create_item(board, first, title)
        ops.create_person(board, "Ana Okafor", roles=["sponsor"])
        current = render_board_json(board.connection)
    document = json.loads(current)
    layout = format_5_layout(tmp_path)
    assert "measurements" not in layout and "triage" not in layout["items"]
    document["schema_version"] = 5
    document["tables"] = {
        table: [{c: row[c] for c in layout[table]} for row in rows]
        for table, rows in document["tables"].items()
        if table in layout
    }
    document["sequences"] = {t: n for t, n in document["sequences"].items() if t in layout}
    older = tmp_path / "older.json"
    older.write_text(json.dumps(document), encoding="utf-8")
    report = import_board_json(older, tmp_path / "upgraded.ldboard")
    assert "measurements" not in report.rows
    with Board.open(tmp_path / "upgraded.ldboard", create=False) as upgraded:
        assert upgraded.schema_version() == SCHEMA_VERSION
        assert render_board_json(upgraded.connection) == current


def test_a_format_5_export_with_a_later_table_is_refused(tmp_path):
    with Board.in_memory() as board:
        document = json.loads(render_board_json(board.connection))
    document["schema_version"] = 5
    older = tmp_path / "older.json"
    older.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(BoardJsonError, match=r"\$\.tables\.measurements: unknown table"):
        import_board_json(older, tmp_path / "upgraded.ldboard")
    assert not (tmp_path / "upgraded.ldboard").exists()
