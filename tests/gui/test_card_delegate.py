"""The card delegate re-renders a card only when something it shows could differ."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from ldboard.ui.cards import card_delegate
from ldboard.ui.cards.board_model import BoardModel
from ldboard.ui.cards.card_delegate import CardDelegate
from ldboard.ui.cards.card_painter import CardPainter


class CountingPainter(CardPainter):
    def __init__(self, font) -> None:
        super().__init__(font)
        self.rendered = []

    def paint(self, painter, rect, card, **state):
        self.rendered.append(card.key)
        super().paint(painter, rect, card, **state)


def _paint(delegate, index, selected=False):
    image = QImage(300, 130, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 290, 118)
    option.state = QStyle.StateFlag.State_Enabled
    if selected:
        option.state |= QStyle.StateFlag.State_Selected
    delegate.paint(painter, option, index)
    painter.end()
    return image


def test_unchanged_cards_are_copied_not_laid_out_again(demo_session, qapp):
    board_model = BoardModel(demo_session)
    painter = CountingPainter(qapp.font())
    delegate = CardDelegate(painter)
    index = board_model.column_model(1).index(0)
    top_of_intake = demo_session.board.item(demo_session.board.column_item_ids(1)[0]).key
    first = _paint(delegate, index)
    second = _paint(delegate, index)
    assert painter.rendered == [top_of_intake]
    assert first == second
    _paint(delegate, index, selected=True)
    assert painter.rendered == [top_of_intake, top_of_intake], "a selected card looks different"


def test_a_changed_card_is_rendered_again(demo_session, qapp):
    from ldboard import ops

    board_model = BoardModel(demo_session)
    painter = CountingPainter(qapp.font())
    delegate = CardDelegate(painter)
    model = board_model.column_model(1)
    before = _paint(delegate, model.index(0))
    demo_session.perform(ops.edit_item, model.item_id(0), {"impact": 1, "effort": 5})
    after = _paint(delegate, model.index(0))
    assert len(painter.rendered) == 2
    assert before != after


def test_the_cache_is_bounded(demo_session, qapp, monkeypatch):
    monkeypatch.setattr(card_delegate, "CACHE_SIZE", 3)
    board_model = BoardModel(demo_session)
    delegate = CardDelegate(CountingPainter(qapp.font()))
    model = board_model.column_model(1)
    for row in range(model.rowCount()):
        _paint(delegate, model.index(row))
    assert len(delegate._cache) == 3
    delegate.clear_cache()
    assert len(delegate._cache) == 0
    assert dataclasses.is_dataclass(board_model.card(model.item_id(0)))
