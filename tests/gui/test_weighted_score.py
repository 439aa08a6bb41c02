"""The board's choice of priority score, and what cards and filters show of
requests and evidence: triage badges, checks due, the weighted score."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from ldboard import ops
from ldboard.domain.cards import ANY_REQUEST, CardFilter
from ldboard.ops.evaluation import set_check_done
from ldboard.ops.scoring import score_weights, scoring_mode, set_scoring
from ldboard.ui.cards.board_model import BoardModel
from ldboard.ui.cards.card_badges import checks_due_text, score_text, triage_text
from ldboard.ui.cards.column_model import CARD_ROLE
from ldboard.ui.common.scoring_dialog import ScoringDialog
from ldboard.ui.editor.dialog import CardEditor
from tests.gui.test_card_editor import open_editor  # noqa: F401  (fixture)

# (title, impact, audience, risk, inaction, effort). Impact ÷ effort orders them
# D 4.0, C 3.0, B 2.5, A 1.0; the default weights (3, 2, 2, 2) give
# C 37/9 = 4.11, B 2.5, A 36/9/2 = 2.0, D 18/9 = 2.0 (A keeps its place before D).
EXAMPLE = (
    ("A", 2, 5, 5, 5, 2),
    ("B", 5, None, None, None, 2),
    ("C", 3, 5, 5, 4, 1),
    ("D", 4, 1, 1, 1, 1),
)


def _create_example(session) -> int:
    column = session.board.columns()[0].id
    for title, impact, audience, risk, inaction, effort in EXAMPLE:
        fields = {
            "impact": impact,
            "audience_size": audience,
            "risk": risk,
            "inaction_score": inaction,
            "effort": effort,
        }
        session.perform(ops.create_item, column, title, fields=fields)
    return column


def _titles(session, column):
    return [session.board.item(i).title for i in session.board.column_item_ids(column)]


def _column_cards(model, column):
    column_model = model.column_model(column)
    return [column_model.index(row).data(CARD_ROLE) for row in range(column_model.rowCount())]


def test_the_dialog_switches_the_score_undoably_and_prioritise_follows(qtbot, session):
    column = _create_example(session)
    dialog = ScoringDialog(scoring_mode(session.board), score_weights(session.board))
    qtbot.addWidget(dialog)
    assert dialog.simple.isChecked() and not dialog.spins["risk"].isEnabled()
    dialog.weighted.setChecked(True)
    assert dialog.spins["risk"].isEnabled()
    dialog.spins["risk"].setValue(5)
    dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert dialog.simple.isChecked() and dialog.spins["risk"].value() == 2
    dialog.weighted.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    session.perform(set_scoring, dialog.mode(), dialog.weights())
    assert scoring_mode(session.board) == "weighted"

    session.perform(ops.prioritise_column, column)
    assert _titles(session, column) == ["C", "B", "A", "D"]
    session.undo()  # the prioritising
    session.undo()  # the choice of score
    assert scoring_mode(session.board) == "impact_effort"
    session.perform(ops.prioritise_column, column)
    assert _titles(session, column) == ["D", "C", "B", "A"]


def test_the_board_menu_opens_the_dialog_and_ok_applies_it(qtbot, window):
    action = window.findChild(type(window.actions()[0]), "actionPriorityScore")
    assert action is not None and action.text() == "Priority &Score…"
    action.trigger()
    dialog = window.findChild(ScoringDialog, "scoringDialog")
    qtbot.waitUntil(dialog.isVisible)
    dialog.weighted.setChecked(True)
    dialog.spins["impact"].setValue(5)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    board = window.session.board
    assert scoring_mode(board) == "weighted"
    assert score_weights(board).values["impact"] == 5
    window.session.undo()
    assert scoring_mode(board) == "impact_effort"


def test_cards_show_the_weighted_score_only_once_the_board_uses_it(session):
    column = _create_example(session)
    model = BoardModel(session)
    before = {c.title: score_text(c) for c in _column_cards(model, column)}
    assert before["C"] == "I3 · E1"
    session.perform(set_scoring, "weighted")
    after = {c.title: score_text(c) for c in _column_cards(model, column)}
    assert after["C"] == "W4.1 · I3 · E1"
    assert after["A"] == "W2.0 · I2 · E2"
    session.undo()
    assert {c.title: score_text(c) for c in _column_cards(model, column)} == before


def test_the_editor_saves_the_weighted_criteria(qtbot, open_editor, session):  # noqa: F811
    column = _create_example(session)
    item_id = session.board.column_item_ids(column)[0]
    session.perform(set_scoring, "weighted")
    dialog: CardEditor = open_editor(session, item_id)
    assert dialog.field("risk").currentData() == 5, "the stored value is shown"
    dialog.field("risk").setCurrentIndex(dialog.field("risk").findData(1))
    dialog.field("audience_size").setCurrentIndex(0)  # none
    assert dialog.weighted_label.text().startswith("Weighted score: ")
    # impact 2, risk 1, inaction 5, effort 2: (6 + 2 + 10) / 7 / 2 = 1.29
    assert "1.29" in dialog.weighted_label.text()
    dialog.save_button.click()
    item = session.board.item(item_id)
    assert (item.audience_size, item.risk, item.inaction_score) == (None, 1, 5)


def test_demo_cards_show_triage_and_checks_due(demo_session):
    model = BoardModel(demo_session)
    cards = model.all_cards()
    badges = {triage_text(c) for c in cards} - {""}
    assert badges == {"New", "In review", "Waitlisted"}
    approved = next(c for c in cards if c.triage == "approved")
    assert triage_text(approved) == "", "a decided request is an ordinary initiative"
    due = demo_session.board.due_checks(demo_session.board.today())
    assert due, "the demo has checks due"
    by_item: dict[int, int] = {}
    for item_id, _check in due:
        by_item[item_id] = by_item.get(item_id, 0) + 1
    for item_id, count in by_item.items():
        card = model.card(item_id)
        assert card.checks_due == count
        assert checks_due_text(card).startswith(f"{count} check")


def test_a_check_done_takes_its_marker_off_the_card(demo_session):
    model = BoardModel(demo_session)
    board = demo_session.board
    item_id, check = board.due_checks(board.today())[0]
    before = model.card(item_id).checks_due
    updated = []
    model.cards_updated.connect(updated.append)
    demo_session.perform(set_check_done, check.id, True)
    assert model.card(item_id).checks_due == before - 1
    assert item_id in updated[-1]
    demo_session.undo()
    assert model.card(item_id).checks_due == before


def test_the_triage_filter_narrows_the_board(demo_session):
    model = BoardModel(demo_session)
    total = model.total_count()
    model.set_filter(CardFilter(triage=ANY_REQUEST))
    requests = model.visible_count()
    assert 0 < requests < total
    model.set_filter(CardFilter(triage="in_review"))
    shown = [
        c.triage
        for m in model.column_models()
        for c in (m.index(r).data(CARD_ROLE) for r in range(m.rowCount()))
    ]
    assert shown and set(shown) == {"in_review"}
    model.set_filter(CardFilter())
    assert model.visible_count() == total


def test_the_filter_bar_offers_the_triage_choices(qtbot, window):
    bar = window.filter_bar
    combo = bar.triage
    assert combo.accessibleName() == "Filter by triage"
    choices = [combo.itemData(i) for i in range(combo.count())]
    assert choices == [None, ANY_REQUEST, "new", "in_review", "waitlisted", "approved"]
    combo.setCurrentIndex(combo.findData("waitlisted"))
    assert bar.current().triage == "waitlisted"
    assert window.board_model.visible_count() == 1
    qtbot.keyClick(bar.text, Qt.Key.Key_Escape)
    assert bar.current().triage is None
