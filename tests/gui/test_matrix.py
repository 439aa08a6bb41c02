"""The impact/effort matrix through its real widgets."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QImage, QMouseEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from ldboard import ops
from ldboard.domain.matrix import QuadrantTotals
from ldboard.domain.rules import Quadrant, Thresholds, quadrant
from ldboard.ui.cards.column_model import CARD_ROLE
from ldboard.ui.matrix.export import svg_bytes
from tests.gui.support import drop_at


@pytest.fixture
def window(window, qtbot):
    """The demo board's window (tests/gui/conftest.py), showing the matrix."""
    window.screen("matrixPage").view_action.trigger()
    qtbot.waitUntil(lambda: window.matrix_page.isVisible())
    return window


def page(window):
    return window.matrix_page


def scores_in_file(path, key):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT impact, effort FROM items WHERE key = ?", (key,)).fetchone()
    finally:
        conn.close()


def item_id(window, key):
    return window.session.board.item_by_key(key).id


def chip_center(window, key):
    view = page(window).view
    chip = page(window).scene.chip(item_id(window, key))
    assert chip is not None, f"{key} is not shown"
    return view.mapFromScene(chip.sceneBoundingRect().center())


def drag(view, start, end, steps=6):
    """Press, move and release the left button on the view's viewport."""
    viewport = view.viewport()

    def send(kind, point, button, buttons):
        event = QMouseEvent(
            kind,
            QPointF(point),
            QPointF(viewport.mapToGlobal(point)),
            button,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, event)

    left = Qt.MouseButton.LeftButton
    send(QMouseEvent.Type.MouseButtonPress, start, left, left)
    for step in range(1, steps + 1):
        point = start + (end - start) * step / steps
        send(
            QMouseEvent.Type.MouseMove,
            QPoint(round(point.x()), round(point.y())),
            Qt.MouseButton.NoButton,
            left,
        )
    send(QMouseEvent.Type.MouseButtonRelease, end, left, Qt.MouseButton.NoButton)


def test_the_matrix_is_a_view_with_its_own_shortcut(window):
    assert window.views.currentWidget() is page(window)
    assert page(window).view.objectName() == "matrixView"
    assert window.screen("matrixPage").view_action.shortcut().toString() == "Ctrl+3"
    window.screen("boardView").view_action.trigger()
    assert window.views.currentWidget() is window.board_view


def test_every_open_scored_item_is_placed_in_its_cell(window):
    scene = page(window).scene
    board = window.session.board
    done_columns = {c.id for c in board.columns() if c.category == "done"}
    expected = [
        c for c in board.cards() if c.impact and c.effort and c.column_id not in done_columns
    ]
    for card in expected:
        assert scene.cell_of(card.id) == (card.impact, card.effort), card.key
    placed = sum(len(scene.cell_cards(i, e)) for i in range(1, 6) for e in range(1, 6))
    assert placed == len(expected)
    totals = scene.totals()
    assert sum(t.count for t in totals.values()) == len(expected)
    assert totals[Quadrant.MONEY_PITS].count == sum(
        1 for c in expected if quadrant(c.impact, c.effort, scene.thresholds) == "money_pits"
    )


def test_quadrant_totals_add_the_effort_of_every_item_in_a_cell(window):
    """Totals summed item by item, on the demo board whose cells hold up to four items."""
    scene = page(window).scene
    board = window.session.board
    done_columns = {c.id for c in board.columns() if c.category == "done"}
    open_scored = [
        c for c in board.cards() if c.impact and c.effort and c.column_id not in done_columns
    ]
    crowded = {(c.impact, c.effort) for c in open_scored}
    crowded = {cell for cell in crowded if len(scene.cell_cards(*cell)) > 1}
    assert len(crowded) >= 3, "the demo has cells with several items"

    def expected_totals(thresholds):
        totals = {q: QuadrantTotals() for q in Quadrant}
        for card in open_scored:
            found = quadrant(card.impact, card.effort, thresholds)
            before = totals[found]
            totals[found] = QuadrantTotals(before.count + 1, before.effort + card.effort)
        return totals

    assert scene.totals() == expected_totals(scene.thresholds)
    # What the quadrant labels show is what the export carries.
    exported = svg_bytes(scene).decode("utf-8")
    for found, total in expected_totals(scene.thresholds).items():
        assert f"{total.count} items · {total.effort} effort" in exported, found
    window.session.perform(ops.set_thresholds, 4, 2)
    assert scene.totals() == expected_totals(Thresholds(4, 2))


def test_dragging_a_chip_to_another_cell_rescores_it_and_undo_puts_it_back(window, board_path):
    view = page(window).view
    key = "LD-23"  # migrate all courses to a new LMS: a money pit (1, 5)
    assert scores_in_file(board_path, key) == (1, 5)
    target = view.map_cell_to_view(2, 1).toPoint()  # a fill-in
    drag(view, chip_center(window, key), target)
    assert scores_in_file(board_path, key) == (2, 1)
    assert page(window).scene.cell_of(item_id(window, key)) == (2, 1)
    assert window.session.board.events(item_id(window, key))[-1].kind == "rescored"
    window.action_undo.trigger()
    assert scores_in_file(board_path, key) == (1, 5)
    assert page(window).scene.cell_of(item_id(window, key)) == (1, 5)


def test_dropping_a_chip_outside_the_grid_changes_nothing(window, board_path):
    view = page(window).view
    events = len(window.session.board.events())
    start = chip_center(window, "LD-23")
    drag(view, start, QPoint(5, 5))
    assert scores_in_file(board_path, "LD-23") == (1, 5)
    assert len(window.session.board.events()) == events
    chip = page(window).scene.chip(item_id(window, "LD-23"))
    assert page(window).scene.cell_at(chip.sceneBoundingRect().center()) == (1, 5), "back home"


def test_shift_arrows_rescore_the_selected_chip(window, qtbot, board_path):
    view = page(window).view
    assert view.select_item(item_id(window, "LD-23"))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert scores_in_file(board_path, "LD-23") == (2, 5)
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert scores_in_file(board_path, "LD-23") == (2, 4)
    assert view.selected_chip().card_id == item_id(window, "LD-23"), "selection follows the chip"
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert scores_in_file(board_path, "LD-23") == (2, 5), "effort stops at 5"


def test_arrows_walk_between_chips_and_enter_opens_the_editor(window, qtbot):
    from ldboard.ui.editor import CardEditor

    view = page(window).view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    first = view.selected_chip()
    assert first is not None
    qtbot.keyClick(view, Qt.Key.Key_Down)
    second = view.selected_chip()
    assert second is not first
    assert second.sceneBoundingRect().center().y() > first.sceneBoundingRect().center().y()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    editors = [w for w in window.findChildren(CardEditor) if w.isVisible()]
    assert [e.item_id for e in editors] == [second.card_id]
    editors[0].reject()


def test_the_board_badge_follows_a_matrix_rescore(window):
    key = "LD-23"
    page(window).rescore(item_id(window, key), 4, 1)
    card = window.board_model.card(item_id(window, key))
    column = window.board_model.column_model(card.column_id)
    shown = column.index(column.row_of(card.id)).data(CARD_ROLE)
    assert (shown.impact, shown.effort) == (4, 1)


def test_the_filter_bar_hides_chips(window, qtbot):
    scene = page(window).scene
    before = len(scene.chips())
    qtbot.keyClicks(window.filter_bar.text, "coaching")
    shown = scene.chips()
    assert 0 < len(shown) < before
    assert all("coaching" in c.card.haystack for c in shown)
    window.filter_bar.clear()
    assert len(scene.chips()) == before


def test_hide_done_toggle(window):
    board = window.session.board
    scene = page(window).scene
    done_column = next(c.id for c in board.columns() if c.category == "done")
    done_scored = [c for c in board.cards() if c.column_id == done_column and c.impact and c.effort]
    assert done_scored and all(scene.cell_of(c.id) is None for c in done_scored)
    page(window).hide_done.setChecked(False)
    assert all(scene.cell_of(c.id) is not None for c in done_scored)


def test_crowded_cells_show_more_and_list_the_rest(window, qtbot):
    board = window.session.board
    for n in range(30):
        window.session.perform(ops.create_item, 1, f"Crowd {n}", fields={"impact": 5, "effort": 1})
    scene = page(window).scene
    overflow = scene.overflow_item(5, 1)
    assert overflow is not None and overflow.hidden > 0
    shown = [c for c in scene.chips() if scene.cell_of(c.card_id) == (5, 1)]
    assert len(shown) + overflow.hidden == len(scene.cell_cards(5, 1))
    window_ = page(window).show_overflow(5, 1)
    listed = window_.model.ids()
    assert len(listed) == overflow.hidden
    # Drag one out of the list onto another cell.
    moving = listed[0]
    mime = window_.model.mimeData([window_.model.index(0, 0)])
    target = page(window).view.map_cell_to_view(1, 1).toPoint()
    drop_at(page(window).view, mime, target)
    assert (board.item(moving).impact, board.item(moving).effort) == (1, 1)
    assert moving not in window_.model.ids()


def test_unscored_items_wait_in_the_tray_and_are_scored_by_dropping(window):
    tray = page(window).unscored_model
    waiting = tray.ids()
    assert waiting and all(window.session.board.item(i).impact is None for i in waiting)
    mime = tray.mimeData([tray.index(0, 0)])
    drop_at(page(window).view, mime, page(window).view.map_cell_to_view(4, 2).toPoint())
    scored = window.session.board.item(waiting[0])
    assert (scored.impact, scored.effort) == (4, 2)
    assert waiting[0] not in tray.ids()
    assert page(window).scene.cell_of(waiting[0]) == (4, 2)


def test_card_list_model_is_a_correct_model(window, qtmodeltester):
    qtmodeltester.check(page(window).unscored_model, force_py=True)


def test_thresholds_are_per_board_and_undoable(window, monkeypatch):
    from ldboard.ui.matrix import page as page_module

    class Accepting:
        def __init__(self, current, parent) -> None:
            assert current == Thresholds(3, 3)

        def exec(self):
            return page_module.QDialog.DialogCode.Accepted

        def thresholds(self):
            return Thresholds(4, 2)

    monkeypatch.setattr(page_module, "ThresholdsDialog", Accepting)
    before = page(window).scene.totals()
    page(window).thresholds_action.trigger()
    assert window.board_model.thresholds == Thresholds(4, 2)
    assert page(window).scene.thresholds == Thresholds(4, 2)
    assert page(window).scene.totals() != before
    window.action_undo.trigger()
    assert page(window).scene.thresholds == Thresholds(3, 3)


def test_png_and_svg_exports_are_valid_files(window, prompter, tmp_path):
    png, svg = tmp_path / "matrix.png", tmp_path / "matrix.svg"
    prompter.answers = [png, svg]
    window.findChild(QAction, "actionExportMatrixPng").trigger()
    window.findChild(QAction, "actionExportMatrixSvg").trigger()
    image = QImage(str(png))
    assert not image.isNull() and image.width() >= 1000
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert QSvgRenderer(str(svg)).isValid()
    assert "Quick wins" in svg.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("*.tmp*")), "written atomically"


def test_copy_image_puts_the_matrix_on_the_clipboard(window):
    window.findChild(QAction, "actionCopyMatrix").trigger()
    assert not QApplication.clipboard().image().isNull()


def test_an_export_that_cannot_be_written_is_reported(window, prompter, tmp_path):
    prompter.answers = [tmp_path / "missing" / "matrix.png"]
    window.findChild(QAction, "actionExportMatrixPng").trigger()
    assert prompter.asked[-1][0] == "warn" and "matrix.png" in prompter.asked[-1][1]


def test_prioritise_column_by_score_from_the_board(window, board_path):
    window.screen("boardView").view_action.trigger()
    intake = next(c.id for c in window.board_model.columns if c.name == "Intake")
    panel = window.board_view.panel(intake)
    panel.command_action("prioritise").trigger()
    model = window.board_model.column_model(intake)
    cards = [model.index(r).data(CARD_ROLE) for r in range(model.rowCount())]
    scores = [c.impact / c.effort for c in cards if c.impact and c.effort]
    assert scores == sorted(scores, reverse=True)
    assert cards[-1].impact is None, "unscored go last"
    assert window.action_undo.text().startswith("&Undo Prioritise")


def test_exported_chips_keep_their_light_tint(window):
    """Export renders background and chips with one painter; chips must not inherit
    a brush from the background (which once painted them dark)."""
    from PySide6.QtGui import QColor

    from ldboard.ui.matrix.export import PNG_SCALE, render_image

    scene = page(window).scene
    image = render_image(scene)
    for chip in scene.chips()[:5]:
        box = chip.sceneBoundingRect()
        x = round((box.left() + box.width() * 0.5) * PNG_SCALE)
        y = round((box.top() + 3) * PNG_SCALE)
        assert QColor(image.pixel(x, y)).lightness() > 190, chip.card.key


def test_chip_tooltip_names_stage_scores_and_hypothesis(window):
    chip = page(window).scene.chip(item_id(window, "LD-23"))
    text = chip.tooltip_text()
    item = window.session.board.item(chip.card_id)
    assert text.startswith(f"LD-23 — {item.title}")
    assert "Stage: Intake" in text
    assert "Impact 1 · Effort 5" in text
    assert item.hypothesis and item.hypothesis in text


def test_double_clicking_a_chip_opens_the_editor(window, qtbot):
    from ldboard.ui.editor import CardEditor

    view = page(window).view
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=chip_center(window, "LD-13"))
    editors = [w for w in window.findChildren(CardEditor) if w.isVisible()]
    assert [e.item_id for e in editors] == [item_id(window, "LD-13")]
    editors[0].reject()


def test_the_context_menu_exports(window, prompter, tmp_path):
    prompter.answers = [tmp_path / "from-menu.svg"]
    view = page(window).view
    chip = page(window).scene.chip(item_id(window, "LD-23"))
    menu = view.context_menu(chip)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["Open LD-23…", "Export as PNG…", "Export as SVG…", "Copy as Image"]
    next(a for a in menu.actions() if a.text() == "Export as SVG…").trigger()
    assert (tmp_path / "from-menu.svg").stat().st_size > 1000
    assert next(a.text() for a in view.context_menu().actions() if a.text()) == "Export as PNG…"
