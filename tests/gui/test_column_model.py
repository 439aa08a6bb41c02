"""ColumnModel: a correct Qt model that updates incrementally."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QModelIndex, Qt

from ldboard import ops
from ldboard.domain.cards import CardFilter
from ldboard.ui.board_model import BoardModel
from ldboard.ui.column_model import CARD_ROLE, ITEM_ID_ROLE


@pytest.fixture
def board_model(demo_session):
    """Requested before ``qtmodeltester`` so the models outlive its teardown."""
    return BoardModel(demo_session)


@pytest.mark.parametrize("column_id", [1, 4, 7])
def test_column_models_pass_the_model_tester(board_model, qtmodeltester, column_id):
    qtmodeltester.check(board_model.column_model(column_id), force_py=True)


def test_a_single_move_is_a_row_move_not_a_reset(demo_session, qtbot):
    board_model = BoardModel(demo_session)
    source = board_model.column_model(3)
    target = board_model.column_model(4)
    item = source.item_id(0)
    with (
        qtbot.assertNotEmitted(source.modelReset),
        qtbot.assertNotEmitted(target.modelReset),
        qtbot.waitSignal(source.rowsRemoved),
        qtbot.waitSignal(target.rowsInserted),
    ):
        demo_session.perform(ops.move_item, item, 4, 1)
    assert target.item_id(1) == item
    assert source.row_of(item) == -1


def test_an_edit_is_a_data_change_of_one_row(demo_session, qtbot):
    board_model = BoardModel(demo_session)
    model = board_model.column_model(1)
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
    model = board_model.column_model(1)
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
    model = board_model.column_model(1)
    everything = model.all_ids()
    outsider = board_model.column_model(2).item_id(0)
    board_model.set_filter(CardFilter(board_model.card(everything[3]).title))
    assert model.rowCount() == 1
    assert model.position_for_drop(outsider, 0) == 3
    assert model.position_for_drop(outsider, -1) == 4
    assert model.position_for_drop(everything[3], 0) == 3


def test_roles(demo_session):
    board_model = BoardModel(demo_session)
    model = board_model.column_model(1)
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
    model = board_model.column_model(1)
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
    with session.board.transaction() as conn:
        for n in range(300):
            conn.execute(
                "INSERT INTO items (key, title, column_id, rank, created_at, updated_at) "
                "VALUES (?, ?, 1, ?, 'x', 'x')",
                (f"LD-{n + 1}", f"Item {n}", 1024.0 * (n + 1)),
            )
    return session


def test_opening_reads_only_the_first_screen_of_cards(long_column_session, qtbot):
    from ldboard.ui.board_model import FIRST_SCREEN_CARDS

    board_model = BoardModel(long_column_session)
    model = board_model.column_model(1)
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
    model = board_model.column_model(1)
    expected = [f"Item {n}" for n in range(300) if "29" in f"ld-{n + 1} item {n}"]
    assert [model.index(r).data(CARD_ROLE).title for r in range(model.rowCount())] == expected
    assert "Item 28" in expected, "keys are searched too (LD-29 is Item 28)"


def test_a_closed_board_is_not_read_again(long_column_session, qtbot):
    board_model = BoardModel(long_column_session)
    long_column_session.close()
    board_model.ensure_complete()  # must not touch the closed file
    assert board_model.cached(board_model.column_model(1).item_id(299)) is None


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

    model = board_model.column_model(1)
    board_model.ensure_complete()
    ids = model.all_ids()
    outsider = board_model.column_model(2).item_id(0)
    for size in range(len(ids) + 1):
        for chosen in itertools.combinations(ids, size):
            model.set_filter(lambda card, chosen=set(chosen): card.id in chosen)
            for item_id in [*ids, outsider]:
                for row in range(-1, model.rowCount() + 1):
                    expected = _naive_drop_position(model, item_id, row)
                    assert model.position_for_drop(item_id, row) == expected, (chosen, item_id, row)
