"""Applying an import plan: one change, all or nothing, undone in one step."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ldboard import ops
from ldboard.io.csv_import import plan_csv_bytes, plan_csv_file
from ldboard.ops.importing import (
    ImportPlan,
    ImportRefused,
    ImportRow,
    import_items,
    import_summary,
)
from ldboard.store import Board, StorageError

FIXTURES = Path(__file__).parents[2] / "fixtures" / "csv"
BROKEN = [
    ("binary.csv", "binary.csv:", "binary file"),
    ("no_title.csv", "no_title.csv:1: title: ", "titles"),
    ("impossible_value.csv", "impossible_value.csv:4: Priority (impact): ", "'7'"),
]


@pytest.fixture
def file_board(board_file, clock):
    opened = Board.open(board_file, clock=clock)
    yield opened
    opened.close()


def _dump(board: Board) -> list[str]:
    return list(board.connection.iterdump())


@pytest.mark.parametrize(("name", "start", "words"), BROKEN)
def test_broken_files_are_refused_and_the_file_is_byte_identical(file_board, name, start, words):
    ops.create_item(file_board, 1, "Already here")
    before = _dump(file_board)
    plan = plan_csv_file(file_board, FIXTURES / name)
    assert plan.problems and plan.problems[0].startswith(start)
    assert words in plan.problems[0]
    with pytest.raises(ImportRefused) as refused:
        import_items(file_board, plan, create_columns=True)
    assert isinstance(refused.value, ValueError)
    assert str(refused.value).startswith(start)
    assert _dump(file_board) == before


def test_impossible_values_name_every_bad_line(file_board):
    plan = plan_csv_file(file_board, FIXTURES / "impossible_value.csv")
    assert [problem.split(": ")[0] for problem in plan.problems] == [
        "impossible_value.csv:4",
        "impossible_value.csv:5",
    ]
    assert "Due date (due)" in plan.problems[1]


def test_unknown_stages_are_refused_without_create_columns(file_board):
    data = b"Title,Status\nA,Intake\nB,Review\nC,QA\nD,review\n"
    plan = plan_csv_bytes(file_board, data, "s.csv")
    assert not plan.problems and plan.new_columns == ("Review", "QA")
    before = _dump(file_board)
    with pytest.raises(ImportRefused) as refused:
        import_items(file_board, plan, create_columns=False)
    assert [p.split(": ")[:2] for p in refused.value.problems] == [
        ["s.csv:3", "stage"],
        ["s.csv:4", "stage"],
    ]
    assert "“Review”" in refused.value.problems[0]
    assert "--create-columns" in refused.value.problems[0]
    assert _dump(file_board) == before


def test_create_columns_adds_them_at_the_end_once(file_board):
    data = b"Title,Status\nA,Intake\nB,Review\nC,QA\nD,review\n"
    plan = plan_csv_bytes(file_board, data, "s.csv")
    change = import_items(file_board, plan, create_columns=True)
    names = [column.name for column in file_board.columns()]
    assert names[-2:] == ["Review", "QA"]
    assert len(names) == 9
    review = file_board.columns()[-2]
    placed = file_board.rows("items", "column_id = ?", (review.id,), "rank")
    assert [row["title"] for row in placed] == ["B", "D"]
    assert import_summary(change) == "Imported 4 items, 2 columns."
    kinds = [event.data.get("action") for event in file_board.events() if event.kind == "board"]
    assert kinds.count("add_column") == 2


def test_items_go_below_every_card_of_their_column_in_file_order(board):
    ops.create_item(board, 1, "Old 1")
    ops.create_item(board, 1, "Old 2")
    archived = ops.create_item(board, 1, "Archived")
    ops.archive_item(board, next(iter(archived.item_ids())))
    plan = plan_csv_bytes(board, b"Title\nNew 1\nNew 2\nNew 3\n", "r.csv")
    import_items(board, plan, create_columns=False)
    ranks = {r["title"]: r["rank"] for r in board.rows("items", "column_id = 1")}
    assert ranks["Archived"] < ranks["New 1"] < ranks["New 2"] < ranks["New 3"]
    assert [card.title for card in board.cards() if card.column_id == 1] == [
        "Old 1",
        "Old 2",
        "New 1",
        "New 2",
        "New 3",
    ]


def test_keys_continue_and_skip_taken_ones(board):
    ops.create_item(board, 1, "First")
    board.connection.execute("UPDATE items SET key = 'LD-3' WHERE id = 1")
    plan = plan_csv_bytes(board, b"Title\nA\nB\n", "k.csv")
    import_items(board, plan, create_columns=False)
    assert [r["key"] for r in board.rows("items", order_by="id")] == ["LD-3", "LD-2", "LD-4"]


def test_existing_tags_and_people_are_reused_ignoring_case(board):
    ops.create_tag(board, "Sales")
    ops.create_person(board, "Maya Chen")
    data = b"Title,Tags,Owner,Sponsor\nA,sales; SALES,maya chen,Maya Chen\nB,Sales,Kai,kai\n"
    plan = plan_csv_bytes(board, data, "v.csv")
    change = import_items(board, plan, create_columns=False)
    assert [tag.name for tag in board.tags()] == ["Sales"]
    assert sorted(person.name for person in board.people()) == ["Kai", "Maya Chen"]
    kai = next(p for p in board.people() if p.name == "Kai")
    assert kai.roles == ["sponsor", "stakeholder"]
    maya = next(p for p in board.people() if p.name == "Maya Chen")
    assert sorted(board.item_people(1)) == [(maya.id, "requester"), (maya.id, "sponsor")]
    assert sorted(board.item_people(2)) == [(kai.id, "requester"), (kai.id, "sponsor")]
    assert import_summary(change) == "Imported 2 items, 1 person."


def test_the_import_is_one_change_and_undo_removes_everything(file_board, snapshot):
    ops.create_item(file_board, 1, "Already here")
    ops.create_tag(file_board, "product")
    before = snapshot(file_board)
    seen = []
    file_board.subscribe(seen.append)
    plan = plan_csv_file(file_board, FIXTURES / "libreoffice_utf8.csv")
    data = b"Title,Status,Tags,Owner\nX,Review,product;fresh,Nia\n"
    extra = plan_csv_bytes(file_board, data, "x.csv")
    combined = ImportPlan("both.csv", rows=plan.rows + extra.rows)
    change = import_items(file_board, combined, create_columns=True)
    assert seen == [change]  # one change, one notification: one undo step
    assert file_board.item_count() == 5
    ops.undo(file_board, change)
    assert snapshot(file_board) == before
    ops.redo(file_board, change)
    assert file_board.item_count() == 5


def test_items_get_created_events_naming_the_file(board):
    plan = plan_csv_bytes(board, b"Title\nA\n", "e.csv")
    import_items(board, plan, create_columns=False)
    (event,) = board.events(1)
    assert event.kind == "created"
    assert event.data["after"]["import"] == "e.csv"


def test_an_empty_plan_is_refused(board):
    with pytest.raises(ImportRefused, match="no rows"):
        import_items(board, ImportPlan("e.csv"), create_columns=True)


def test_csv_plans_are_marked_checked_and_hand_made_ones_are_not(board):
    assert plan_csv_bytes(board, b"Title\nA\n", "c.csv").checked
    assert not ImportPlan("h.csv").checked


def test_a_hand_made_plan_is_checked_again(board, snapshot):
    before = snapshot(board)
    rows = (
        ImportRow(2, {"title": "ok", "impact": 3}),
        ImportRow(3, {"title": "", "driver": "fun"}),
        ImportRow(4, {"title": "x", "impact": 9, "verdict": "maybe"}),
    )
    with pytest.raises(ImportRefused) as refused:
        import_items(board, ImportPlan("h.csv", rows=rows), create_columns=True)
    assert sorted(refused.value.problems) == [
        "h.csv:3: driver: Unknown driver 'fun'.",
        "h.csv:3: title: A title is required.",
        "h.csv:4: impact: Impact must be a whole number from 1 to 5.",
        "h.csv:4: verdict: Unknown verdict 'maybe'.",
    ]
    assert snapshot(board) == before


def test_refusal_text_is_capped_but_keeps_every_problem():
    refused = ImportRefused(f"f.csv:{n}: title: missing" for n in range(30))
    assert len(refused.problems) == 30
    assert str(refused).count("\n") == ImportRefused.SHOWN
    assert str(refused).endswith("… and 10 more")


def test_a_board_that_cannot_be_written_keeps_its_state(file_board, snapshot):
    before = snapshot(file_board)
    file_board.read_only = True  # as when the file or its folder is read-only
    plan = plan_csv_bytes(file_board, b"Title,Stage\nA,New stage\n", "ro.csv")
    with pytest.raises(StorageError):
        import_items(file_board, plan, create_columns=True)
    file_board.read_only = False
    assert snapshot(file_board) == before


@pytest.mark.parametrize(
    ("row", "start"),
    [
        (ImportRow(3, {"title": "A"}, tags=("t" * 41,)), "h.csv:3: tags: "),
        (ImportRow(3, {"title": "A"}, people=(("n" * 121, "sponsor"),)), "h.csv:3: sponsor: "),
        (ImportRow(3, {"title": "A"}, people=(("Kai", "boss"),)), "h.csv:3: people: "),
        (ImportRow(3, {"title": "A"}, stage="s" * 61), "h.csv:3: stage: "),
    ],
)
def test_hand_made_plans_with_unusable_names_are_refused(file_board, row, start):
    before = _dump(file_board)
    plan = ImportPlan("h.csv", rows=(ImportRow(2, {"title": "ok"}), row))
    with pytest.raises(ImportRefused) as refused:
        import_items(file_board, plan, create_columns=True)
    assert len(refused.value.problems) == 1
    assert refused.value.problems[0].startswith(start)
    assert _dump(file_board) == before


# --- a dated history (a Trello board's) -------------------------------------------------

IMPORTED_AT = "2026-11-23T09:00:00Z"


def dated_row(stage="Building", moves=(), created_at="2026-03-01T09:00:00Z", line=1):
    return ImportRow(
        line, {"title": f"Card {line}"}, stage=stage, created_at=created_at, moves=moves
    )


def logged(board: Board, item_id: int) -> list[tuple]:
    """The item's events: kind, from column, to column, the ``at`` they carry."""
    return [
        (
            e.kind,
            (e.data.get("before") or {}).get("column_id"),
            e.data["after"]["column_id"],
            e.data.get("at"),
        )
        for e in board.events(item_id)
    ]


def test_a_dated_plan_logs_creation_and_moves_with_their_own_times(board):
    moves = (
        ("Intake", "Discovery", "2026-03-02T10:00:00Z"),
        ("discovery", "Building", "2026-03-05T10:00:00+01:00"),  # case and zone ignored
    )
    plan = ImportPlan("t.json", rows=(dated_row(moves=moves),), dated=True)
    import_items(board, plan, create_columns=False)
    assert logged(board, 1) == [
        ("created", None, 1, "2026-03-01T09:00:00Z"),
        ("moved", 1, 2, "2026-03-02T10:00:00Z"),
        ("moved", 2, 4, "2026-03-05T09:00:00Z"),
    ]
    events = board.events(1)
    assert {e.ts for e in events} == {events[0].ts}, "the log itself is written at the import"
    assert events[0].ts > "2026-11-01"
    assert events[-1].data["after"]["column"] == "Building"
    story = board.flow_history().stories[1]
    assert story.created_at == "2026-03-01T09:00:00Z"
    assert story.started_at == "2026-03-02T10:00:00Z"
    assert [step.column_id for step in story.steps] == [1, 2, 4]


def test_moves_are_made_consistent_whatever_the_source_says(board):
    moves = (
        ("Pilot", "Building", "2026-03-09T00:00:00Z"),  # out of order
        ("Intake", "Pilot", "2026-03-04T00:00:00Z"),
        ("Pilot", "Pilot", "2026-03-05T00:00:00Z"),  # does not change the column
        (None, "Old list", "2026-03-06T00:00:00Z"),  # not a column: left out
        ("Building", None, "2026-03-07T00:00:00Z"),  # to an archived list: left out
        ("Building", "Ready", "2027-05-01T00:00:00Z"),  # in the future: at the import
        ("Ready", "Intake", "2025-01-01T00:00:00Z"),  # before the creation: at it
    )
    plan = ImportPlan("t.json", rows=(dated_row(stage="Measuring", moves=moves),), dated=True)
    import_items(board, plan, create_columns=False)
    created = "2026-03-01T09:00:00Z"
    assert logged(board, 1) == [
        ("created", None, 3, created),  # where the first move (in time) starts
        ("moved", 3, 1, created),
        ("moved", 1, 5, "2026-03-04T00:00:00Z"),
        ("moved", 5, 4, "2026-03-09T00:00:00Z"),
        ("moved", 4, 3, board.item(1).updated_at),  # the import
        ("moved", 3, 6, None),  # the source lost the move home: dated at the import
    ]
    steps = board.flow_history().stories[1].steps
    assert [s.ts for s in steps] == sorted(s.ts for s in steps)
    assert steps[-1].column_id == board.item(1).column_id == 6


def test_a_done_item_is_done_since_it_entered_done(board):
    moves = (("Building", "Done", "2026-03-03T12:00:00Z"),)
    rows = (
        dated_row(stage="Done", moves=moves),
        dated_row(stage="Done", line=2),  # created there
        dated_row(stage="Done", moves=(("Done", "Pilot", "2026-03-02T00:00:00Z"),), line=3),
    )
    import_items(board, ImportPlan("t.json", rows=rows, dated=True), create_columns=False)
    assert board.item(1).done_at == "2026-03-03T12:00:00Z"
    assert board.item(2).done_at == "2026-03-01T09:00:00Z"
    assert board.item(3).done_at == board.item(3).updated_at, "back to Done at the import"
    finished = {i.item_id: i for i in ops_finished(board)}
    # Created in Building (active) on 1 March at 09:00, done on 3 March at 12:00.
    assert finished[1].cycle_days == finished[1].lead_days == pytest.approx(2.125)


def ops_finished(board: Board):
    from ldboard.domain import flow

    history = board.flow_history()
    return flow.cycle_times(history, history.today().replace(year=2025), history.today()).items


def test_a_plan_that_is_not_dated_logs_the_import_time(board):
    moves = (("Intake", "Discovery", "2026-03-02T10:00:00Z"),)
    plan = ImportPlan("t.csv", rows=(dated_row(stage="Done", moves=moves),))
    import_items(board, plan, create_columns=False)
    assert logged(board, 1) == [("created", None, 7, None)]
    assert board.item(1).created_at == "2026-03-01T09:00:00Z"
    assert board.item(1).done_at == board.item(1).updated_at


def test_a_move_without_a_time_is_refused_naming_its_line(board, snapshot):
    before = snapshot(board)
    row = dated_row(moves=(("Intake", "Building", "last Tuesday"),), line=4)
    with pytest.raises(ImportRefused) as refused:
        import_items(board, ImportPlan("t.json", rows=(row,), dated=True), create_columns=True)
    assert refused.value.problems == ["t.json:4: moves: “last Tuesday” is not a date and time."]
    assert snapshot(board) == before


def test_undo_takes_a_dated_import_away_and_redo_counts_from_the_redo(board, snapshot, clock):
    from datetime import timedelta

    from ldboard.domain import flow

    ops.create_item(board, 2, "Already here")
    before = snapshot(board)
    moves = (("Intake", "Building", "2026-03-02T10:00:00Z"),)
    plan = ImportPlan("t.json", rows=(dated_row(moves=moves),), dated=True)
    change = import_items(board, plan, create_columns=False)
    first = board.flow_history().today()
    clock.now += timedelta(days=1)
    ops.undo(board, change)
    assert snapshot(board) == before
    clock.now += timedelta(days=1)
    ops.redo(board, change)
    history = board.flow_history()
    story = history.stories[2]
    assert [s.ts for s in story.steps] == sorted(s.ts for s in story.steps)
    cfd = flow.cumulative_flow(history, first.replace(month=3, day=1), history.today())
    building = next(band for band in cfd.bands if band.stage.id == 4)
    by_day = dict(zip(cfd.days, building.counts, strict=True))
    assert by_day[first.replace(month=3, day=10)] == 1, "the imported past"
    assert by_day[first] == 1, "the day of the import, counted once"
    assert by_day[first + timedelta(days=1)] == 0, "undone"
    assert by_day[first + timedelta(days=2)] == 1, "redone"


def test_the_replay_reads_at_only_when_it_is_a_timestamp_before_the_log(board):
    from ldboard.store import Change, EventRecord

    odd = ("yesterday", "2026-02-30T00:00:00Z", "2026-03-01 10:00:00Z", "2099-01-01T00:00:00Z", 7)
    for n, at in enumerate(odd, start=100):  # a hand-edited file: each its item's first event
        after = {"key": f"X-{n}", "title": "Hand-made", "column_id": 1}
        board.apply(Change("odd", (), (EventRecord("created", n, {"after": after, "at": at}),)))
    stories = board.flow_history().stories
    assert all(stories[n].created_at > "2026-11-01" for n in range(100, 100 + len(odd)))


def test_an_item_imported_archived_is_not_work_in_progress_even_after_undo_and_redo(board, clock):
    from datetime import timedelta

    from ldboard.domain import flow

    row = dated_row(moves=(("Intake", "Building", "2026-03-02T10:00:00Z"),))
    plan = ImportPlan("t.json", rows=(replace(row, archived=True),), dated=True)
    change = import_items(board, plan, create_columns=False)

    def in_building() -> int:
        history = board.flow_history()
        today = history.today()
        cfd = flow.cumulative_flow(history, today, today)
        return next(band for band in cfd.bands if band.stage.id == 4).counts[-1]

    assert board.item(1).archived_at is not None and in_building() == 0
    clock.now += timedelta(days=1)
    ops.undo(board, change)
    assert in_building() == 0, "undone, not brought back by the undone archive"
    clock.now += timedelta(days=1)
    ops.redo(board, change)
    assert in_building() == 0
