"""CardListView: arithmetic geometry, scrolling, keys and painting only what shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QStringListModel, Qt
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from ldboard.ui.cards.card_list_view import MARGIN_SIDE, MARGIN_TOP, CardListView
from ldboard.ui.common import theme


class CountingDelegate(QStyledItemDelegate):
    def __init__(self) -> None:
        super().__init__()
        self.painted = []

    def paint(self, painter, option, index):
        self.painted.append((index.row(), option.state))


@pytest.fixture
def view(qtbot):
    shown = CardListView()
    model = QStringListModel([f"card {n}" for n in range(10_000)], shown)
    shown.setModel(model)
    delegate = CountingDelegate()
    shown.setItemDelegate(delegate)
    shown.delegate = delegate
    qtbot.addWidget(shown)
    shown.resize(300, 600)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_rows_and_points_map_both_ways(view):
    for row in (0, 1, 57, 9_999):
        view.scrollTo(view.model().index(row, 0))
        rect = view.visualRect(view.model().index(row, 0))
        assert rect.height() == theme.CARD_HEIGHT
        assert view.indexAt(rect.center()).row() == row
    assert not view.indexAt(QPoint(MARGIN_SIDE - 2, MARGIN_TOP + 5)).isValid()


def test_scroll_range_covers_every_card(view):
    bar = view.verticalScrollBar()
    assert bar.maximum() == MARGIN_TOP + 10_000 * theme.CARD_HEIGHT + 4 - view.viewport().height()
    view.model().removeRows(0, 9_990)
    assert bar.maximum() == max(
        0, MARGIN_TOP + 10 * theme.CARD_HEIGHT + 4 - view.viewport().height()
    )


def test_painting_touches_only_visible_rows(view, qtbot):
    view.delegate.painted.clear()
    view.viewport().repaint()
    rows = [row for row, _ in view.delegate.painted]
    assert rows and max(rows) <= view.viewport().height() // theme.CARD_HEIGHT + 1
    view.scrollTo(view.model().index(5_000, 0), CardListView.ScrollHint.PositionAtTop)
    view.delegate.painted.clear()
    view.viewport().repaint()
    rows = [row for row, _ in view.delegate.painted]
    assert min(rows) == 5_000 and len(rows) < 10


def test_keys_move_the_current_card(view, qtbot):
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 2
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().row() == 9_999
    assert view.visualRect(view.currentIndex()).bottom() <= view.viewport().height()
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert 9_990 <= view.currentIndex().row() < 9_999
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.currentIndex().row() == 0


def test_click_selects_and_paints_the_selection(view, qtbot):
    rect = view.visualRect(view.model().index(2, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [i.row() for i in view.selectedIndexes()] == [2]
    view.delegate.painted.clear()
    view.viewport().repaint()
    states = dict(view.delegate.painted)
    assert states[2] & QStyle.StateFlag.State_Selected
    assert not states[1] & QStyle.StateFlag.State_Selected


def test_hover_is_painted(view, qtbot):
    rect = view.visualRect(view.model().index(1, 0))
    # Start elsewhere: a move to where the pointer already is delivers no event.
    qtbot.mouseMove(view.viewport(), view.visualRect(view.model().index(3, 0)).center())
    qtbot.mouseMove(view.viewport(), rect.center())
    view.delegate.painted.clear()
    view.viewport().repaint()
    states = dict(view.delegate.painted)
    assert states[1] & QStyle.StateFlag.State_MouseOver
    assert not states[0] & QStyle.StateFlag.State_MouseOver
