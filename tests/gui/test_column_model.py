"""ColumnModel: a correct Qt model that updates incrementally."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QModelIndex, Qt

from ldboard import ops
from ldboard.domain.cards import CardFilter
from ldboard.ui.cards.board_model import BoardModel
from ldboard.ui.cards.column_model import CARD_ROLE, ITEM_ID_ROLE


@pytest.fixture
def board_model(demo_session):
    """Requested before ``qtmodeltester`` so the models outlive its teardown."""
    return BoardModel(demo_session)


def column_id(board_model: BoardModel, position: int) -> int:
    """The id of the board's column at ``position`` (0 is the first)."""
    return board_model.columns[position].id


@pytest.mark.parametrize("position", [0, 3, 6])
def test_column_models_pass_the_model_tester(board_model, qtmodeltester, position):
    qtmodeltester.check(board_model.column_model(column_id(board_model, position)), force_py=True)


def test_a_single_move_is_a_row_move_not_a_reset(demo_session, qtbot):
    board_model = BoardModel(demo_session)
    source = board_model.column_model(column_id(board_model, 2))
    target_id = column_id(board_model, 3)
    target = board_model.column_model(target_id)
    item = source.item_id(0)
    with (
        qtbot.assertNotEmitted(source.modelReset),
        qtbot.assertNotEmitted(target.modelReset),
        qtbot.waitSignal(source.rowsRemoved),
        qtbot.waitSignal(target.rowsInserted),
    ):
        demo_session.perform(ops.move_item, item, target_id, 1)
    assert target.item_id(1) == item
    assert source.row_of(item) == -1


def test_an_edit_is_a_data_change_of_one_row(demo_session, qtbot):
    board_model = BoardModel(demo_session)
    model = board_model.column_model(column_id(board_model, 0))
    item = model.item_id(2)
    with (
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.assertNotEmitted(model.rowsRemoved),
        qtbot.waitSignal(model.dataChanged) as changed,
    ):
        demo_session.perform(ops.edit_item, item, {"title": "Renamed on the board"})
    top_left, bottom_right = changed.args[:2]
    assert top_left.row() == bottom_right.row() == 2
    assert model.index(2).data(CARD_ROLE).title == "Renamed on the board"


def test_filter_applies_in_one_step_and_edits_respect_it(demo_session):
    board_model = BoardModel(demo_session)
    model = board_model.column_model(column_id(board_model, 0))
    first = model.item_id(0)
    title = board_model.card(first).title
    board_model.set_filter(CardFilter(title))
    assert [model.item_id(r) for r in range(model.rowCount())] == [first]
    demo_session.perform(ops.edit_item, first, {"title": "Something else"})
    assert model.rowCount() == 0, "an edited card that no longer matches leaves the view"
    assert model.total_count() == 6
    demo_session.undo_stack.undo()
    assert model.rowCount() == 1


def test_drop_positions_count_hidden_cards(demo_session):
    board_model = BoardModel(demo_session)
    model = board_model.column_model(column_id(board_model, 0))
    everything = model.all_ids()
    outsider = board_model.column_model(column_id(board_model, 1)).item_id(0)
    board_model.set_filter(CardFilter(board_model.card(everything[3]).title))
    assert model.rowCount() == 1
    assert model.position_for_drop(outsider, 0) == 3
    assert model.position_for_drop(outsider, -1) == 4
    assert model.position_for_drop(everything[3], 0) == 3


def test_roles(demo_session):
    board_model = BoardModel(demo_session)
    model = board_model.column_model(column_id(board_model, 0))
    index = model.index(0)
    card = index.data(CARD_ROLE)
    assert index.data(Qt.ItemDataRole.DisplayRole) == card.title
    assert index.data(ITEM_ID_ROLE) == card.id
    assert card.key in index.data(Qt.ItemDataRole.ToolTipRole)
    assert card.key in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert model.data(QModelIndex(), Qt.ItemDataRole.DisplayRole) is None


def test_data_returning_none_keeps_the_refcount_of_none(demo_session):
    """PySide6 6.12.0 on CPython 3.11 loses a reference to None on every Python
    data() call that returns None, until the interpreter aborts (none_dealloc).
    pyproject.toml pins PySide6 below 6.12 there; this guards the pin."""
    board_model = BoardModel(demo_session)
    model = board_model.column_model(column_id(board_model, 0))
    index = model.index(0)
    unhandled_role = Qt.ItemDataRole.UserRole + 99
    assert index.data(unhandled_role) is None
    before = sys.getrefcount(None)
    for _ in range(20_000):
        index.data(unhandled_role)
    after = sys.getrefcount(None)
    assert after >= before - 100, f"None lost {before - after} references"


@pytest.fixture
def long_column_session(session):
    """300 cards in the first column, written in bulk (a big board, quickly)."""
    first = session.board.columns()[0].id
    with session.board.transaction() as conn:
        for n in range(300):
            conn.execute(
                "INSERT INTO items (key, title, column_id, rank, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, 'x', 'x')",
                (f"LD-{n + 1}", f"Item {n}", first, 1024.0 * (n + 1)),
            )
    return session


def test_opening_reads_only_the_first_screen_of_cards(long_column_session, qtbot):
    from ldboard.ui.cards.board_model import FIRST_SCREEN_CARDS

    board_model = BoardModel(long_column_session)
    model = board_model.column_model(column_id(board_model, 0))
    assert model.total_count() == model.rowCount() == 300
    assert board_model.cached(model.item_id(FIRST_SCREEN_CARDS - 1)) is not None
    assert board_model.cached(model.item_id(200)) is None
    assert model.index(200).data(CARD_ROLE).title == "Item 200", "read when painted"
    assert board_model.cached(model.item_id(220)) is not None, "with its neighbours"
    qtbot.waitUntil(lambda: board_model.cached(model.item_id(299)) is not None)
    assert len(board_model.all_cards()) == 300


def test_filtering_reads_every_card_first(long_column_session):
    board_model = BoardModel(long_column_session)
    board_model.set_filter(CardFilter("item 29"))
    model = board_model.column_model(column_id(board_model, 0))
    expected = [f"Item {n}" for n in range(300) if "29" in f"ld-{n + 1} item {n}"]
    assert [model.index(r).data(CARD_ROLE).title for r in range(model.rowCount())] == expected
    assert "Item 28" in expected, "keys are searched too (LD-29 is Item 28)"


def test_a_closed_board_is_not_read_again(long_column_session, qtbot):
    board_model = BoardModel(long_column_session)
    long_column_session.close()
    board_model.ensure_complete()  # must not touch the closed file
    first = board_model.column_model(column_id(board_model, 0))
    assert board_model.cached(first.item_id(299)) is None


def test_the_rest_of_the_board_is_read_a_slice_at_a_time(long_column_session, qtbot, monkeypatch):
    """Reading every card at once would freeze the window for as long as it
    takes; slices keep each stretch short, and ``fully_loaded`` says when the
    last one is in."""
    import ldboard.ui.cards.board_model as board_model_module

    monkeypatch.setattr(board_model_module, "FIRST_SLICE_CARDS", 60)
    monkeypatch.setattr(board_model_module, "LOAD_SLICE_MS", 0.001)  # the smallest slices
    board = long_column_session.board
    reads: list[int] = []
    read_cards = board.cards

    def counting(ids=None, **options):
        reads.append(-1 if ids is None else len(list(ids)))
        return read_cards(ids, **options)

    monkeypatch.setattr(board, "cards", counting)
    board_model = BoardModel(long_column_session)
    assert not board_model.is_fully_loaded
    with qtbot.waitSignal(board_model.fully_loaded, timeout=5000):
        pass
    assert board_model.is_fully_loaded
    model = board_model.column_model(column_id(board_model, 0))
    assert all(board_model.cached(i) is not None for i in model.all_ids())
    slices = reads[1:]  # after the first screen
    assert slices[0] == 60
    assert len(slices) >= 4, f"read in {slices}"
    assert -1 not in reads, "never the whole board in one go"
    prepared = set(board_model._cards._has_char)
    assert prepared >= set(board_model_module.PREPARED_CHARACTERS), "first letters are ready"


def test_a_big_board_is_kept_out_of_the_cycle_collectors_walks(
    long_column_session, qtbot, monkeypatch
):
    """A full walk of the cycle collector over 50,000 cards freezes the window for
    about 100 ms; read cards are frozen out of it until the board closes."""
    import gc

    import ldboard.ui.cards.board_model as board_model_module

    monkeypatch.setattr(board_model_module, "FREEZE_FROM_CARDS", 100)
    gc.unfreeze()
    try:
        board_model = BoardModel(long_column_session)
        assert gc.get_freeze_count() == 0, "the first screen is below the threshold"
        with qtbot.waitSignal(board_model.fully_loaded, timeout=5000):
            pass
        assert gc.get_freeze_count() > 0
        long_column_session.close()
        assert gc.get_freeze_count() == 0, "a closed board's leftovers can be collected"
    finally:
        gc.unfreeze()


def test_filtering_during_the_load_reads_the_rest_at_once(long_column_session, qtbot):
    board_model = BoardModel(long_column_session)
    with qtbot.waitSignal(board_model.fully_loaded, timeout=1000):
        board_model.set_filter(CardFilter("item 29"))
    model = board_model.column_model(column_id(board_model, 0))
    expected = [f"Item {n}" for n in range(300) if "29" in f"ld-{n + 1} item {n}"]
    assert [model.index(r).data(CARD_ROLE).title for r in range(model.rowCount())] == expected
    with qtbot.assertNotEmitted(board_model.fully_loaded, wait=400):
        pass  # the slices that were due never run


def test_a_tag_on_more_cards_than_one_read_takes_is_renamed_on_all(
    long_column_session, monkeypatch
):
    import ldboard.ui.cards.board_model as board_model_module

    monkeypatch.setattr(board_model_module, "MAX_IDS_PER_READ", 7)
    session = long_column_session
    tag = session.perform(ops.create_tag, "pilot").rows[0].key[0]
    with session.board.transaction() as conn:
        conn.execute("INSERT INTO item_tags (item_id, tag_id) SELECT id, ? FROM items", (tag,))
    board_model = BoardModel(session)
    board_model.set_filter(CardFilter("pilot"))
    model = board_model.column_model(column_id(board_model, 0))
    assert model.rowCount() == 300
    largest: list[int] = []
    read_cards = session.board.cards

    def measuring(ids=None, **options):
        largest.append(len(list(ids)) if ids is not None else 10**9)
        return read_cards(ids, **options)

    monkeypatch.setattr(session.board, "cards", measuring)
    session.perform(ops.update_tag, tag, name="Trial")
    assert max(largest) == 7, "reads by id stay within the query's parameter limit"
    assert model.rowCount() == 0
    board_model.set_filter(CardFilter("trial"))
    assert model.rowCount() == 300
    assert {chip.name for card in board_model.all_cards() for chip in card.tags} == {"Trial"}


def _naive_drop_position(model, item_id, row):
    """The obvious definition, used as an oracle: index among the others."""
    everything = model.all_ids()
    visible = [model.item_id(r) for r in range(model.rowCount())]
    others = [i for i in everything if i != item_id]
    if 0 <= row < len(visible):
        if visible[row] == item_id:
            return everything.index(item_id)
        return others.index(visible[row])
    shown = [i for i in visible if i != item_id]
    return others.index(shown[-1]) + 1 if shown else len(others)


def test_drop_positions_agree_with_their_definition(board_model):
    import itertools

    model = board_model.column_model(column_id(board_model, 0))
    board_model.ensure_complete()
    ids = model.all_ids()
    outsider = board_model.column_model(column_id(board_model, 1)).item_id(0)
    for size in range(len(ids) + 1):
        for chosen in itertools.combinations(ids, size):
            model.set_filter(lambda card, chosen=set(chosen): card.id in chosen)
            for item_id in [*ids, outsider]:
                for row in range(-1, model.rowCount() + 1):
                    expected = _naive_drop_position(model, item_id, row)
                    assert model.position_for_drop(item_id, row) == expected, (chosen, item_id, row)
