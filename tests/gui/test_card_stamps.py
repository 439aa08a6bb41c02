"""Parts many cards share (score badges, tags, avatars, dates) are drawn from
pictures made once; a card must look exactly as if each part were drawn anew
(the first time a part is seen it is drawn directly, so the comparisons below
are between direct drawing and pictures)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QImage, QPainter

from ldboard.domain.cards import Card, PersonChip, TagChip
from ldboard.ui.cards.card_painter import CardPainter

CARD = Card(
    id=7,
    key="LD-7",
    title="De-escalation practice for agents",
    column_id=1,
    rank=1.0,
    impact=4,
    effort=2,
    verdict="validated",
    due="2026-12-05",
    tags=(TagChip(1, "coaching", "#db2777"), TagChip(2, "sales", "#2563eb")),
    people=(PersonChip(3, "Hana Lee", "HL", "requester"), PersonChip(4, "Maya Ortiz", "MO", "sme")),
    checklist_done=1,
    checklist_total=3,
)


def picture(painter: CardPainter, card: Card) -> QImage:
    image = QImage(240, 140, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    target = QPainter(image)
    painter.paint(target, QRectF(0, 0, 240, painter.height_for(card, 240)), card)
    target.end()
    return image


def test_a_card_looks_the_same_from_fresh_and_from_reused_parts(qapp):
    warm = CardPainter(QFont())
    for other in range(3):  # other cards leave their parts behind
        picture(warm, dataclasses.replace(CARD, id=100 + other, key=f"LD-{100 + other}"))
    assert warm._stamps, "the shared parts are kept"
    assert picture(warm, CARD) == picture(CardPainter(QFont()), CARD)


def test_a_part_is_made_once_for_all_the_cards_that_show_it(qapp):
    painter = CardPainter(QFont())
    picture(painter, CARD)
    assert painter._stamps == {}, "a part seen once is drawn directly"
    picture(painter, dataclasses.replace(CARD, id=199, key="LD-199"))
    kept = len(painter._stamps)
    assert kept == 6  # the score badge, two tags, two avatars and the due date
    for other in range(20):
        picture(painter, dataclasses.replace(CARD, id=200 + other, key=f"LD-{200 + other}"))
    assert len(painter._stamps) == kept


def test_a_changed_part_is_drawn_anew(qapp):
    painter = CardPainter(QFont())
    before = picture(painter, CARD)
    recoloured = (TagChip(1, "coaching", "#16a34a"), CARD.tags[1])
    renamed = dataclasses.replace(CARD, tags=recoloured)
    after = picture(painter, renamed)
    assert after != before
    assert after == picture(CardPainter(QFont()), renamed)
