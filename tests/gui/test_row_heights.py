"""Rows of different heights: the prefix sums, and lists that measure rows as they show."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QPoint, QStringListModel
from PySide6.QtWidgets import QStyledItemDelegate

from ldboard.ui.cards.card_list_view import MARGIN_TOP, CardListView
from ldboard.ui.cards.row_geometry import RowGeometry


def test_row_geometry_agrees_with_a_plain_list_of_heights():
    rng = random.Random(7)
    rows, plain = RowGeometry(100), []
    for _ in range(2_000):
        action = rng.random()
        if action < 0.4 or not plain:
            at, count = rng.randint(0, len(plain)), rng.randint(1, 3)
            rows.insert(at, count)
            plain[at:at] = [100] * count
        elif action < 0.6:
            first = rng.randrange(len(plain))
            last = min(len(plain) - 1, first + rng.randint(0, 2))
            rows.remove(first, last)
            del plain[first : last + 1]
        else:
            at, height = rng.randrange(len(plain)), rng.choice((60, 100, 140))
            assert rows.set_height(at, height) == height - plain[at]
            plain[at] = height
        if plain and rng.random() < 0.3:
            row = rng.randrange(len(plain))
            top = sum(plain[:row])
            assert rows.top(row) == top
            assert rows.row_at(top) == row
            assert rows.row_at(top + plain[row] - 1) == row
    assert len(rows) == len(plain)
    assert rows.total() == sum(plain)
    assert rows.row_at(-1) == -1 and rows.row_at(sum(plain)) == len(plain)


def test_rows_start_estimated_and_are_measured_once():
    rows = RowGeometry(100)
    rows.reset(3)
    assert not rows.is_measured(1) and not rows.all_measured()
    rows.set_height(1, 60)
    assert rows.is_measured(1) and rows.top(2) == 160
    rows.forget(1, 1)
    assert not rows.is_measured(1) and rows.height(1) == 60, "kept as the estimate"


class ShortEvenRows(CardListView):
    """Even rows are 60 px, odd rows 100 px; every row is first estimated at 100."""

    variable_heights = True

    def __init__(self) -> None:
        super().__init__(row_height=100)
        self.measured: list[int] = []

    def measure_row(self, row: int) -> int:
        self.measured.append(row)
        return 60 if row % 2 == 0 else 100


@pytest.fixture
def view(qtbot):
    shown = ShortEvenRows()
    shown.setModel(QStringListModel([f"card {n}" for n in range(5_000)], shown))
    shown.setItemDelegate(QStyledItemDelegate(shown))
    qtbot.addWidget(shown)
    shown.resize(300, 600)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_only_rows_in_view_are_measured(view, qtbot):
    qtbot.waitUntil(lambda: view.rows.is_measured(0))
    assert max(view.measured) < 20, "the rows below the view keep their estimate"
    assert view.visualRect(view.model().index(0, 0)).height() == 60
    assert view.visualRect(view.model().index(1, 0)).top() == MARGIN_TOP + 60


def test_scrolling_up_into_unmeasured_rows_keeps_the_cards_in_view_still(view, qtbot):
    bar = view.verticalScrollBar()
    view.scrollTo(view.model().index(3_000, 0), CardListView.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: view.rows.is_measured(3_000))
    probe = QPoint(50, 300)
    for _ in range(20):
        index = view.indexAt(probe)
        top = view.visualRect(index).top()
        bar.setValue(bar.value() - 37)
        assert view.visualRect(index).top() == top + 37, "a card in view never jumps"
    # 740 px up: the rows that came into view were measured (and shrank) on the way.
    assert all(view.rows.is_measured(r) for r in range(2_993, 3_000))
    assert view.rows.height(2_994) == 60


def test_the_scroll_range_follows_measured_heights(view, qtbot):
    bar = view.verticalScrollBar()
    view.scrollTo(view.model().index(4_999, 0), CardListView.ScrollHint.PositionAtBottom)
    qtbot.waitUntil(lambda: view.rows.is_measured(4_999))
    content = MARGIN_TOP + view.rows.total() + 4
    assert bar.maximum() == content - view.viewport().height()
    last = view.visualRect(view.model().index(4_999, 0))
    assert last.bottom() < view.viewport().height()
