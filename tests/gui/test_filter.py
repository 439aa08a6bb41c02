"""The free-text filter on the board: it finds cards by their tags and people,
and the filtered columns follow every change made through the session."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel

from ldboard import ops
from ldboard.domain.cards import CardFilter
from ldboard.ui.cards.board_model import BoardModel
from ldboard.ui.cards.column_model import CARD_ROLE


class Board:
    """A small board built with real operations: ids of what the tests refer to."""

    def __init__(self, session) -> None:
        self.session = session
        perform = session.perform
        self.first, self.second = (c.id for c in session.board.columns()[:2])
        self.sales = perform(ops.create_tag, "Sales").rows[0].key[0]
        self.maya = perform(ops.create_person, "Maya Chen", roles=["sponsor"]).rows[0].key[0]
        self.objection = self._create(
            "Objection handling", tag_ids=[self.sales], people=[(self.maya, "sponsor")]
        )
        self.crm = self._create("CRM job aids", fields={"description": "Top eight tasks"})
        self.discount = self._create("Discount approvals", column=self.second)
        self.model = BoardModel(session)

    def _create(self, title: str, column: int | None = None, **parts) -> int:
        change = self.session.perform(ops.create_item, column or self.first, title, **parts)
        return next(d.key[0] for d in change.diffs("items") if d.is_insert)

    def filter(self, text: str) -> None:
        self.model.set_filter(CardFilter(text))

    def shown(self) -> set[str]:
        """Titles of the cards the columns show now."""
        return {
            model.index(row).data(CARD_ROLE).title
            for model in self.model.column_models()
            for row in range(model.rowCount())
        }


@pytest.fixture
def board(session) -> Board:
    return Board(session)


def test_typing_a_tag_name_finds_the_cards_tagged_with_it(board):
    board.filter("sales")
    assert board.shown() == {"Objection handling"}
    board.filter("SAL objection")
    assert board.shown() == {"Objection handling"}
    board.filter("sales crm")
    assert board.shown() == set(), "every word must match"


def test_typing_a_persons_name_finds_their_cards(board):
    board.filter("maya")
    assert board.shown() == {"Objection handling"}
    board.filter("chen maya")
    assert board.shown() == {"Objection handling"}


def test_renaming_a_tag_takes_its_cards_out_of_the_filter_and_undo_brings_them_back(board, qtbot):
    board.filter("sales")
    first = board.model.column_model(board.first)
    with qtbot.assertNotEmitted(first.modelReset), qtbot.waitSignal(first.rowsRemoved):
        board.session.perform(ops.update_tag, board.sales, name="Revenue")
    assert board.shown() == set()
    board.filter("revenue")
    assert board.shown() == {"Objection handling"}
    board.session.undo_stack.undo()
    assert board.shown() == set(), "the card carries “Sales” again"
    board.filter("sales")
    assert board.shown() == {"Objection handling"}


def test_renaming_a_person_updates_every_card_they_are_on(board):
    board.session.perform(
        ops.edit_item, board.crm, people=[(board.maya, "requester"), (board.maya, "sme")]
    )
    board.filter("okafor")
    assert board.shown() == set()
    board.session.perform(ops.update_person, board.maya, name="Maya Okafor")
    assert board.shown() == {"Objection handling", "CRM job aids"}
    chips = board.model.card(board.crm).people
    assert {chip.name for chip in chips} == {"Maya Okafor"}, "the avatars follow too"


def test_attaching_and_detaching_a_tag_moves_the_card_in_and_out(board):
    board.filter("sales")
    board.session.perform(ops.edit_item, board.discount, tag_ids=[board.sales])
    assert board.shown() == {"Objection handling", "Discount approvals"}
    board.session.perform(ops.edit_item, board.objection, tag_ids=[])
    assert board.shown() == {"Discount approvals"}
    board.filter("pilot")
    board.session.perform(ops.edit_item, board.crm, new_tags=["Pilot"])
    assert board.shown() == {"CRM job aids"}, "a tag created by the edit itself"


def test_attaching_and_detaching_a_person_moves_the_card_in_and_out(board):
    board.filter("maya")
    board.session.perform(ops.edit_item, board.discount, people=[(board.maya, "sme")])
    assert board.shown() == {"Objection handling", "Discount approvals"}
    board.session.perform(ops.edit_item, board.objection, people=[])
    assert board.shown() == {"Discount approvals"}
    board.session.undo_stack.undo()
    assert board.shown() == {"Objection handling", "Discount approvals"}


def test_removing_a_tag_from_the_board_takes_its_cards_out_of_the_filter(board):
    board.filter("sales")
    board.session.perform(ops.delete_tag, board.sales)
    assert board.shown() == set()
    board.session.undo_stack.undo()
    assert board.shown() == {"Objection handling"}


@pytest.mark.parametrize("field", ["title", "description", "hypothesis", "need"])
def test_editing_a_searched_field_moves_the_card_in_and_out(board, field):
    board.filter("zebra")
    board.session.perform(ops.edit_item, board.crm, {field: "Zebra crossing safety"})
    assert board.shown() == ({"Zebra crossing safety"} if field == "title" else {"CRM job aids"})
    board.session.perform(ops.edit_item, board.crm, {field: "Plain words"})
    assert board.shown() == set()


def test_erasing_letters_after_an_edit_shows_what_the_shorter_filter_matches_now(board):
    """Erased letters go back to results remembered while typing; an edit in
    between must not bring back a stale result."""
    board.session.perform(ops.edit_item, board.objection, {"title": "Zoo visit"})
    for text in ("z", "zo", "zoo"):
        board.filter(text)
    assert board.shown() == {"Zoo visit"}
    board.session.perform(ops.edit_item, board.crm, {"title": "Zone plan"})
    board.session.perform(ops.edit_item, board.objection, {"title": "Museum visit"})
    assert board.shown() == set()
    board.filter("zo")
    assert board.shown() == {"Zone plan"}
    board.filter("z")
    assert board.shown() == {"Zone plan"}


def test_moving_a_card_while_filtering_keeps_both_columns_true(board):
    for text in ("a", "ap", "app"):
        board.filter(text)
    assert board.shown() == {"Discount approvals"}
    board.session.perform(ops.move_item, board.discount, board.first, 0)
    board.session.perform(ops.edit_item, board.objection, {"title": "Apprenticeships"})
    board.filter("ap")
    first = board.model.column_model(board.first)
    rows = [first.index(r).data(CARD_ROLE).title for r in range(first.rowCount())]
    assert rows == ["Discount approvals", "Apprenticeships"]
    assert board.model.column_model(board.second).rowCount() == 0


def test_a_new_filter_is_one_layout_change_per_column(board, qtbot):
    first = board.model.column_model(board.first)
    for text in ("obj", "", "crm", "c", "tasks"):
        with (
            qtbot.assertNotEmitted(first.modelReset),
            qtbot.assertNotEmitted(first.rowsRemoved),
            qtbot.assertNotEmitted(first.rowsInserted),
            qtbot.waitSignal(first.layoutChanged),
        ):
            board.filter(text)


def test_the_selected_card_stays_selected_while_the_filter_shows_it(board):
    first = board.model.column_model(board.first)
    selection = QItemSelectionModel(first)
    row = first.row_of(board.crm)
    assert row == 1
    selection.setCurrentIndex(first.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    board.filter("crm")
    assert first.row_of(board.crm) == 0
    assert selection.currentIndex().row() == 0
    assert [i.row() for i in selection.selectedIndexes()] == [0]
    board.filter("objection")
    assert not selection.currentIndex().isValid(), "a hidden card is no longer current"
    assert selection.selectedIndexes() == []


def test_filtered_column_models_stay_correct_qt_models(board, qtmodeltester):
    first = board.model.column_model(board.first)
    qtmodeltester.check(first, force_py=True)
    for text in ("o", "ob", "o", "", "sales", "zzz", "c"):
        board.filter(text)  # the tester checks every layout change as it happens
    qtmodeltester.check(first, force_py=True)
    assert first.rowCount() == 2
