"""The filter bar's iteration choice and the marker of cards in the running
iteration, driven through the real window on the demo board.

What each choice should show is computed from the board file itself, so the
tests check the board against the file rather than against the filter's code.
"""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtWidgets import QComboBox

from ldboard import ops
from ldboard.domain.cards import Card
from ldboard.ui.cards.card_painter import CardPainter
from ldboard.ui.cards.column_model import CARD_ROLE
from ldboard.ui.shell.filter_bar import CURRENT_ITERATION, UNPLANNED

#: The demo board's iterations: 1 closed, 2 running, 3 planned.
CLOSED, RUNNING, PLANNED = 1, 2, 3


def file_query(path, sql, params=()):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def expected_by_column(path, where: str, params=()) -> dict[int, list[int]]:
    """Ids of the active cards the condition keeps, by column, in board order."""
    shown: dict[int, list[int]] = {
        column_id: [] for (column_id,) in file_query(path, "SELECT id FROM columns")
    }
    for item_id, column_id in file_query(
        path,
        f"SELECT id, column_id FROM items WHERE archived_at IS NULL AND ({where}) "
        "ORDER BY column_id, rank",
        params,
    ):
        shown[column_id].append(item_id)
    return shown


def active_items(path) -> int:
    """How many cards the board holds (archived ones aside), counted in the file."""
    return len(file_query(path, "SELECT id FROM items WHERE archived_at IS NULL"))


def shown_by_column(window) -> dict[int, list[int]]:
    """Ids of the cards each column of the board shows now, top to bottom."""
    shown = {}
    for column in window.board_model.columns:
        model = window.board_view.column_view(column.id).model()
        shown[column.id] = [model.index(row).data(CARD_ROLE).id for row in range(model.rowCount())]
    return shown


def combo(window) -> QComboBox:
    found = window.findChild(QComboBox, "iterationFilter")
    assert found is not None
    return found


def choose(window, text: str) -> None:
    """Pick an entry of the real combo by what it says, as a person would."""
    box = combo(window)
    position = box.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert position >= 0, f"the iteration filter offers no “{text}”"
    box.setCurrentIndex(position)


def iteration_name(window, iteration_id: int) -> str:
    return window.session.board.iteration(iteration_id).name


# --- choosing --------------------------------------------------------------------------------


def test_the_combo_offers_all_the_running_one_not_planned_and_every_iteration(window):
    box = combo(window)
    assert box.accessibleName() == "Filter by iteration"
    texts = [box.itemText(i) for i in range(box.count()) if box.itemText(i)]
    names = [iteration_name(window, i) for i in (CLOSED, RUNNING, PLANNED)]
    assert texts == [
        "All iterations",
        "Current iteration",
        "Not planned",
        f"{names[0]} (closed)",
        f"{names[1]} (running)",
        f"{names[2]} (planned)",
    ]
    assert box.currentText() == "All iterations"


def test_current_iteration_shows_exactly_the_running_iterations_cards(window, board_path):
    choose(window, "Current iteration")
    expected = expected_by_column(
        board_path, "iteration_id = (SELECT id FROM iterations WHERE state = 'active')"
    )
    running = sum(map(len, expected.values()))
    assert running == 10, "the demo runs ten items"
    assert shown_by_column(window) == expected
    for column in window.board_model.columns:
        total = len(file_query(board_path, _column_items, (column.id,)))
        label = window.board_view.panel(column.id).count_label.text()
        shown = len(expected[column.id])
        assert label.startswith(f"{shown} of {total}" if shown != total else f"{total}"), label
    assert window.filter_bar.count.text() == f"{running} of {active_items(board_path)} shown"


_column_items = "SELECT id FROM items WHERE archived_at IS NULL AND column_id = ?"


@pytest.mark.parametrize(
    ("choice", "where", "params"),
    [
        ("Not planned", "iteration_id IS NULL", ()),
        ("Iteration 3", "iteration_id = ?", (PLANNED,)),
        ("Iteration 1", "iteration_id = ?", (CLOSED,)),
    ],
)
def test_not_planned_and_a_named_iteration_show_their_cards(
    window, board_path, choice, where, params
):
    choose(window, choice)
    expected = expected_by_column(board_path, where, params)
    assert any(expected.values())
    assert shown_by_column(window) == expected


#: Items whose own text or tags say "coaching" (the demo's people and keys do not).
_SAYS_COACHING = (
    "(lower(title) LIKE '%coaching%' OR lower(description) LIKE '%coaching%' "
    "OR lower(hypothesis) LIKE '%coaching%' OR lower(need) LIKE '%coaching%' "
    "OR id IN (SELECT it.item_id FROM item_tags it JOIN tags t ON t.id = it.tag_id "
    "WHERE lower(t.name) LIKE '%coaching%'))"
)


def test_the_iteration_and_the_text_must_both_match(window, board_path, qtbot):
    choose(window, "Current iteration")
    qtbot.keyClicks(window.filter_bar.text, "coaching")
    both = expected_by_column(board_path, f"iteration_id = ? AND {_SAYS_COACHING}", (RUNNING,))
    assert any(both.values())
    assert shown_by_column(window) == both
    choose(window, "All iterations")
    text_only = expected_by_column(board_path, _SAYS_COACHING)
    assert shown_by_column(window) == text_only
    assert sum(map(len, text_only.values())) > sum(map(len, both.values()))


def test_clear_and_escape_show_every_card_again(window, qtbot, board_path):
    everything = shown_by_column(window)
    choose(window, "Not planned")
    assert shown_by_column(window) != everything
    qtbot.mouseClick(window.filter_bar.clear_button, Qt.MouseButton.LeftButton)
    assert combo(window).currentText() == "All iterations"
    assert shown_by_column(window) == everything

    choose(window, "Current iteration")
    window.filter_bar.text.setFocus()
    qtbot.keyClick(window.filter_bar.text, Qt.Key.Key_Escape)
    assert combo(window).currentText() == "All iterations"
    assert shown_by_column(window) == everything


def test_the_matrix_follows_the_iteration_choice(window, qtbot):
    choose(window, "Current iteration")
    window.screen("matrixPage").view_action.trigger()
    qtbot.waitUntil(lambda: window.matrix_page.isVisible())
    scene = window.matrix_page.scene
    cards = window.board_model.all_cards()
    expected = {
        c.id
        for c in cards
        if c.iteration_id == RUNNING
        and c.impact is not None
        and c.effort is not None
        and not window.board_model.is_done_column(c.column_id)
    }
    assert expected
    assert {c.id for c in cards if scene.cell_of(c.id) is not None} == expected
    choose(window, "Not planned")
    assert all(scene.cell_of(i) is None for i in expected)


# --- following the board ------------------------------------------------------------------


def test_planning_an_item_brings_it_into_the_current_iteration_view(window, board_path):
    choose(window, "Current iteration")
    (item_id, column_id), *_ = file_query(
        board_path,
        "SELECT id, column_id FROM items WHERE archived_at IS NULL AND iteration_id IS NULL",
    )
    column = window.board_view.column_view(column_id).model()
    assert column.row_of(item_id) < 0
    window.session.perform(ops.plan_items, [item_id], RUNNING)
    assert column.row_of(item_id) >= 0, "it appears without any refresh"
    assert shown_by_column(window) == expected_by_column(board_path, "iteration_id = ?", (RUNNING,))
    window.session.undo()
    assert column.row_of(item_id) < 0


def test_current_iteration_follows_the_iteration_that_runs(window, board_path, qtbot):
    choose(window, "Current iteration")
    session = window.session
    session.perform(ops.close_iteration, RUNNING)
    box = combo(window)
    assert box.currentText() == "Current iteration (none running)", "the choice is kept"
    current_entry = box.model().item(box.currentIndex())
    assert not current_entry.isEnabled(), "nothing runs, so it cannot be chosen anew"
    assert shown_by_column(window) == expected_by_column(board_path, "0")
    assert window.filter_bar.count.text() == f"0 of {active_items(board_path)} shown"

    session.perform(ops.start_iteration, PLANNED)
    assert box.currentText() == "Current iteration"
    assert box.model().item(box.currentIndex()).isEnabled()
    planned = expected_by_column(board_path, "iteration_id = ?", (PLANNED,))
    assert any(planned.values())
    assert shown_by_column(window) == planned
    assert f"{iteration_name(window, PLANNED)} (running)" in _texts(box)


def _texts(box: QComboBox) -> list[str]:
    return [box.itemText(i) for i in range(box.count())]


def test_the_list_follows_new_renamed_and_deleted_iterations(window, board_path):
    session = window.session
    box = combo(window)
    change = session.perform(ops.create_iteration, "Iteration 4: Spring")
    new_id = change.rows[0].key[0]
    assert "Iteration 4: Spring (planned)" in _texts(box)
    choose(window, "Iteration 4")
    assert shown_by_column(window) == expected_by_column(board_path, "0")
    session.perform(ops.edit_iteration, new_id, name="Iteration 4: Spring cleaning")
    assert box.currentText() == "Iteration 4: Spring cleaning (planned)", "still chosen"
    session.perform(ops.delete_iteration, new_id)
    assert "Iteration 4: Spring cleaning (planned)" not in _texts(box)
    assert box.currentText() == "All iterations", "a deleted iteration is let go"
    assert sum(map(len, shown_by_column(window).values())) == active_items(board_path)


def test_choices_are_found_by_what_they_mean_not_by_their_place(window):
    bar = window.filter_bar
    bar.choose_iteration(UNPLANNED)
    assert bar.current().iterations == frozenset({None})
    bar.choose_iteration(CURRENT_ITERATION)
    assert bar.current().iterations == frozenset({RUNNING})
    bar.choose_iteration(PLANNED)
    assert bar.current().iterations == frozenset({PLANNED})
    with pytest.raises(LookupError):
        bar.choose_iteration(999)


# --- the marker ------------------------------------------------------------------------------

CARD = Card(
    id=7, key="LD-7", title="De-escalation practice", column_id=1, rank=1.0, impact=4, effort=2
)


def render(painter: CardPainter, card: Card) -> QImage:
    image = QImage(260, 140, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    target = QPainter(image)
    painter.paint(target, QRectF(0, 0, 260, painter.height_for(card, 260)), card)
    target.end()
    return image


def test_a_card_of_the_running_iteration_shows_a_marker_others_do_not(qapp):
    painter = CardPainter(QFont(), current_iteration=lambda: RUNNING)
    running = dataclasses.replace(CARD, iteration_id=RUNNING)
    unplanned = CARD
    elsewhere = dataclasses.replace(CARD, iteration_id=PLANNED)
    rect = QRectF(0, 0, 260, painter.height_for(CARD, 260))
    marker = painter.iteration_marker(rect, running)
    assert marker is not None
    assert painter.iteration_marker(rect, unplanned) is None
    assert painter.iteration_marker(rect, elsewhere) is None

    area = marker.toAlignedRect()
    with_marker = render(painter, running).copy(area)
    assert with_marker != render(painter, unplanned).copy(area)
    assert render(painter, elsewhere) == render(painter, unplanned), "other iterations: nothing"
    nobody_runs = CardPainter(QFont(), current_iteration=lambda: None)
    assert render(nobody_runs, running) == render(nobody_runs, unplanned)


def test_the_marker_is_one_picture_shared_by_every_marked_card(qapp):
    painter = CardPainter(QFont(), current_iteration=lambda: RUNNING)
    for n in range(20):
        render(painter, dataclasses.replace(CARD, id=n, key=f"LD-{n}", iteration_id=RUNNING))
    markers = [key for key in painter._stamps if key[0] == "iteration"]
    assert len(markers) == 1
    running = dataclasses.replace(CARD, iteration_id=RUNNING)
    fresh = CardPainter(QFont(), current_iteration=lambda: RUNNING)
    assert render(painter, running) == render(fresh, running), "the picture is what is drawn"


def test_the_board_repaints_the_markers_when_another_iteration_starts(window, board_path):
    """Starting an iteration changes no card, yet its cards must show the marker
    (and the old one's lose it) at once: painted cards are cached as pictures."""
    (item_id, column_id), *_ = file_query(
        board_path,
        "SELECT id, column_id FROM items WHERE archived_at IS NULL AND iteration_id = ?",
        (PLANNED,),
    )
    view = window.board_view.column_view(column_id)
    model = view.model()

    def card_on_screen() -> tuple[QImage, QRectF | None, str]:
        window.board_view.select_card(item_id)  # in view, and in the same state each time
        index = model.index(model.row_of(item_id))
        rect = view.visualRect(index)
        marker = window.board_view.painter.iteration_marker(QRectF(rect), index.data(CARD_ROLE))
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        return view.viewport().grab(rect).toImage(), marker, tip

    before, marker, tip = card_on_screen()
    assert marker is None
    assert f"Planned for {iteration_name(window, PLANNED)}" in tip
    window.session.perform(ops.close_iteration, RUNNING)
    window.session.perform(ops.start_iteration, PLANNED)
    after, marker, tip = card_on_screen()
    assert marker is not None
    assert after != before
    assert f"In the current iteration: {iteration_name(window, PLANNED)}" in tip
