"""Whole-board JSON survives export → import → export byte for byte, on random boards.

Each example builds a board with the real operations, over several days:
items with random text (any Unicode a person could type), scores, drivers,
dates and numbers, tags, people, checklists, notes and measured results;
requests through intake, evaluation plans, thanks and places on the map; moves, archives,
restores and deletions (which leave ids in the log that no row has any more);
iterations planned, started and closed (snapshots), retrospective entries and
actions ticked done. Actions the operations refuse are simply skipped. The
board's export is imported into a new file, whose export must be the same
text, and a new item there must get the next id, never one the log names.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ldboard import ops
from ldboard.domain.enums import Driver, Format, Verdict
from ldboard.domain.practice import (
    BehaviourAnswer,
    EvaluationCheck,
    EvaluationPlan,
    IntakeRecord,
    PartnerAnswer,
)
from ldboard.domain.rules import ValidationError
from ldboard.ops.evaluation import save_evaluation_plan
from ldboard.ops.intake import Request, record_request
from ldboard.ops.measuring import add_measurement, delete_measurement
from ldboard.ops.partners import add_thanks, place_person
from ldboard.store import Board
from ldboard.store.board_json_export import render_board_json
from ldboard.store.board_json_import import import_board_json
from ldboard.store.errors import ConflictError
from tests.conftest import FakeClock

TEXT = st.text(max_size=24)
NAME = st.text(min_size=1, max_size=12)
PLACE = st.integers(min_value=0, max_value=40)
COLUMN = st.integers(min_value=1, max_value=7)
NUMBER = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False) | st.integers(-1000, 1000)
DAY = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)).map(date.isoformat)
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "description": TEXT,
        "audience": TEXT,
        "hypothesis": TEXT,
        "impact": st.integers(1, 5),
        "effort": st.integers(1, 5),
        "estimate_days": st.floats(min_value=0, max_value=1e4, allow_nan=False),
        "driver": st.sampled_from([d.value for d in Driver]),
        "format": st.sampled_from([f.value for f in Format]),
        "verdict": st.sampled_from([v.value for v in Verdict]),
        "evaluation_level": st.integers(1, 4),
        "baseline": NUMBER,
        "target": NUMBER,
        "due": DAY,
    },
)

CREATE = st.tuples(
    st.just("create"),
    COLUMN,
    NAME,
    FIELDS,
    st.lists(NAME, max_size=2),
    st.lists(NAME, max_size=3),
    st.lists(TEXT, max_size=2),
    st.lists(st.tuples(NAME, st.sampled_from(["requester", "sponsor", "sme"])), max_size=2),
)
ACTION = st.one_of(
    CREATE,
    CREATE,
    CREATE,
    st.tuples(st.just("edit"), PLACE, FIELDS),
    st.tuples(st.just("move"), PLACE, COLUMN, PLACE),
    st.tuples(st.just("archive"), PLACE),
    st.tuples(st.just("restore"), PLACE),
    st.tuples(st.just("delete"), PLACE),
    st.tuples(st.just("note"), PLACE, TEXT),
    st.tuples(st.just("measure"), PLACE, DAY, NUMBER, TEXT, st.none() | st.integers(1, 4)),
    st.tuples(st.just("unmeasure"), PLACE),
    st.tuples(
        st.just("request"),
        NAME,
        st.sampled_from(["initiative", "no_training", "waitlisted", "declined"]),
        st.lists(st.tuples(NAME, st.sampled_from(["skills", "knowledge", None])), max_size=3),
        st.lists(st.tuples(NAME, st.sampled_from(["sponsor", "co_sponsor", "sme"])), max_size=2),
    ),
    st.tuples(st.just("evaluate"), PLACE, st.lists(st.tuples(NAME, DAY), max_size=3)),
    st.tuples(st.just("thank"), PLACE, TEXT, DAY),
    st.tuples(st.just("place"), PLACE, st.integers(1, 5), st.integers(1, 5)),
    st.tuples(st.just("tick"), PLACE),
    st.tuples(st.just("tag"), NAME),
    st.tuples(st.just("untag"), PLACE),
    st.tuples(st.just("person"), NAME, st.lists(st.sampled_from(["sponsor", "sme"]), max_size=2)),
    st.tuples(st.just("forget person"), PLACE),
    st.tuples(st.just("iteration"), NAME, st.none() | st.floats(0, 100, allow_nan=False)),
    st.tuples(st.just("plan"), st.lists(PLACE, max_size=4), PLACE),
    st.tuples(st.just("start"), PLACE),
    st.tuples(
        st.just("close"),
    ),
    st.tuples(st.just("retro"), PLACE, st.sampled_from(["went_well", "action", "note"]), NAME),
    st.tuples(st.just("retro"), PLACE, st.just("action"), NAME),
    st.tuples(st.just("done"), PLACE),
    st.tuples(
        st.just("next day"),
    ),
)


def _pick(rows: list, place: int):
    return rows[place % len(rows)] if rows else None


def play(board: Board, clock: FakeClock, actions: list[tuple]) -> None:
    """Run ``actions`` through ``ops``; refused ones are skipped, as a person would retry."""
    conn = board.connection

    def ids(table: str) -> list[int]:
        return [row[0] for row in conn.execute(f"SELECT id FROM {table} ORDER BY id")]

    for action in actions:
        kind, *args = action
        item = _pick(ids("items"), args[0]) if args and isinstance(args[0], int) else None
        try:
            if kind == "next day":
                clock.now += timedelta(days=1)
            elif kind == "create":
                column, title, fields, tags, checklist, notes, people = args
                entries = [ops.ChecklistEntry(text) for text in checklist]
                ops.create_item(
                    board, column, title, fields=fields, new_tags=tags, checklist=entries,
                    notes=notes, new_people=people,
                )  # fmt: skip
            elif kind == "tag":
                ops.create_tag(board, args[0])
            elif kind == "untag" and ids("tags"):
                ops.delete_tag(board, _pick(ids("tags"), args[0]))
            elif kind == "person":
                ops.create_person(board, args[0], roles=args[1])
            elif kind == "forget person" and ids("people"):
                ops.delete_person(board, _pick(ids("people"), args[0]))
            elif kind == "iteration":
                ops.create_iteration(board, args[0], capacity=args[1])
            elif kind == "start" and ids("iterations"):
                ops.start_iteration(board, _pick(ids("iterations"), args[0]))
            elif kind == "close" and board.active_iteration() is not None:
                ops.close_iteration(board, board.active_iteration().id)
            elif kind == "plan" and ids("iterations"):
                chosen = [_pick(ids("items"), place) for place in args[0]]
                ops.plan_items(board, [i for i in chosen if i], _pick(ids("iterations"), args[1]))
            elif kind == "retro" and ids("iterations"):
                action_only = {"owner_id": _pick(ids("people"), args[0]), "due": "2026-12-01"}
                ops.add_retro_entry(
                    board, _pick(ids("iterations"), args[0]), args[1], args[2], item_id=item,
                    **(action_only if args[1] == "action" else {}),
                )  # fmt: skip
            elif kind == "done" and ids("retro_entries"):
                ops.set_action_done(board, _pick(ids("retro_entries"), args[0]), True)
            elif kind == "request":
                title, outcome, behaviours, partners = args
                record = IntakeRecord(
                    "2026-11-20",
                    outcome,
                    behaviours=tuple(BehaviourAnswer(t, b) for t, b in behaviours),
                    partners=tuple(PartnerAnswer(n, r) for n, r in partners),
                    recommendation="Because",
                )
                record_request(board, Request(title, record, title))
            elif kind == "thank" and ids("people"):
                add_thanks(board, _pick(ids("people"), args[0]), args[2], args[1] or "Thanks", item)
            elif kind == "place" and ids("people"):
                place_person(board, _pick(ids("people"), args[0]), args[1], args[2])
            elif kind == "unmeasure" and ids("measurements"):
                delete_measurement(board, _pick(ids("measurements"), args[0]))
            elif kind == "tick" and ids("checklist_items"):
                ops.toggle_checklist_entry(board, _pick(ids("checklist_items"), args[0]))
            elif item is None:
                continue
            elif kind == "edit":
                ops.edit_item(board, item, args[1])
            elif kind == "move":
                ops.move_item(board, item, args[1], args[2])
            elif kind == "archive":
                ops.archive_item(board, item)
            elif kind == "restore":
                ops.restore_item(board, item)
            elif kind == "delete":
                ops.delete_item(board, item)
            elif kind == "note":
                ops.add_note(board, item, args[1])
            elif kind == "evaluate":
                checks = tuple(EvaluationCheck(what, due=day) for what, day in args[1])
                save_evaluation_plan(board, item, EvaluationPlan(4, "Observe", checks=checks))
            elif kind == "measure":
                day, value, label, level = args[1:]
                add_measurement(board, item, day, value, label=label, source=label, level=level)
        except (ValidationError, ConflictError, ValueError, LookupError):
            continue


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    actions=st.tuples(
        st.lists(CREATE, min_size=3, max_size=6), st.lists(ACTION, min_size=20, max_size=60)
    )
)
def test_export_import_export_is_byte_identical(actions):
    clock = FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC), step=timedelta(minutes=7))
    with tempfile.TemporaryDirectory(prefix="ldboard-json-") as folder:
        original = Board.open(Path(folder) / "original.ldboard", clock=clock)
        try:
            play(original, clock, [*actions[0], *actions[1]])
            text = render_board_json(original.connection)
            next_item = original.next_item_id()
        finally:
            original.close()
        source = Path(folder) / "board.json"
        source.write_text(text, encoding="utf-8")
        copy = Path(folder) / "copy.ldboard"
        import_board_json(source, copy)
        with Board.open(copy, create=False, clock=clock) as imported:
            assert render_board_json(imported.connection) == text
            assert imported.integrity_check() == ["ok"]
            assert imported.foreign_key_problems() == []
            created = ops.create_item(imported, 1, "After the import")
            assert created.events[0].item_id == next_item
