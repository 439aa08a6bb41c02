"""Paints one card. Used by the board's delegate and for drag pixmaps.

Painting instead of a widget per card keeps a 10,000-card board cheap: only
the cards inside the viewport are ever drawn, and nothing is allocated per card.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPixmap

from ldboard.domain.cards import Card
from ldboard.domain.rules import Thresholds, is_overdue, quadrant
from ldboard.ui import theme

PADDING = 10.0
STRIPE = 4.0


class CardPainter:
    """Draws cards of a fixed height; fonts and metrics are built once."""

    def __init__(
        self,
        base_font: QFont,
        *,
        thresholds: Callable[[], Thresholds] = Thresholds,
        is_done: Callable[[int], bool] = lambda _column_id: False,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.thresholds = thresholds
        self.is_done = is_done
        self.today = today
        self.small = QFont(base_font)
        self.small.setPointSizeF(max(7.5, base_font.pointSizeF() * 0.85))
        self.title_font = QFont(base_font)
        self.title_font.setPointSizeF(base_font.pointSizeF() * 1.02)
        self.title_font.setWeight(QFont.Weight.DemiBold)
        self.badge_font = QFont(self.small)
        self.badge_font.setWeight(QFont.Weight.Bold)
        self.initials_font = QFont(base_font)
        self.initials_font.setPointSizeF(max(6.5, base_font.pointSizeF() * 0.68))
        self.initials_font.setWeight(QFont.Weight.DemiBold)
        self.small_metrics = QFontMetricsF(self.small)
        self.title_metrics = QFontMetricsF(self.title_font)
        self.badge_metrics = QFontMetricsF(self.badge_font)
        self._title_cache: dict[tuple[str, int], list[str]] = {}
        self._outlines: dict[tuple[float, float], tuple[QPainterPath, QPainterPath]] = {}

    def size_hint(self, width: int) -> QSize:
        return QSize(width, theme.CARD_HEIGHT)

    def paint(
        self,
        painter: QPainter,
        rect: QRectF,
        card: Card,
        *,
        selected: bool = False,
        hovered: bool = False,
        focused: bool = False,
    ) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card_rect = rect.adjusted(1.0, 1.0, -1.0, -(theme.CARD_SPACING - 1.0))
        self._frame(painter, card_rect, card, selected=selected, hovered=hovered)
        inner = card_rect.adjusted(PADDING + STRIPE, PADDING - 2.0, -PADDING, -PADDING + 2.0)
        self._header(painter, inner, card)
        self._title(painter, inner, card)
        self._tags_and_checklist(painter, inner, card)
        self._people_verdict_due(painter, inner, card)
        if focused and not selected:
            painter.setPen(QPen(theme.SELECTION, 1.0, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card_rect.adjusted(2, 2, -2, -2), 5, 5)
        painter.restore()

    def pixmap(self, card: Card, width: int, device_pixel_ratio: float = 1.0) -> QPixmap:
        """The card as a picture (what the pointer carries while dragging).

        It is translucent so the drop line under the pointer stays visible.
        """
        pixmap = QPixmap(QSize(width, theme.CARD_HEIGHT) * device_pixel_ratio)
        pixmap.setDevicePixelRatio(device_pixel_ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setOpacity(0.72)
        self.paint(painter, QRectF(0, 0, width, theme.CARD_HEIGHT), card, selected=True)
        painter.end()
        return pixmap

    # --- parts -----------------------------------------------------------------------

    def _outline(self, width: float, height: float) -> tuple[QPainterPath, QPainterPath]:
        """The card's rounded outline and its coloured left stripe, at the origin.

        Every card of a column has the same size, so both paths are built once
        and moved into place, instead of being rebuilt (and intersected) per card.
        """
        key = (width, height)
        cached = self._outlines.get(key)
        if cached is None:
            outline = QPainterPath()
            outline.addRoundedRect(QRectF(0, 0, width, height), 6, 6)
            edge = QPainterPath()
            edge.addRect(QRectF(0, 0, STRIPE, height))
            cached = self._outlines[key] = (outline, outline.intersected(edge))
        return cached

    def _frame(
        self, painter: QPainter, rect: QRectF, card: Card, *, selected: bool, hovered: bool
    ) -> None:
        outline, stripe = self._outline(rect.width(), rect.height())
        painter.translate(rect.topLeft())
        painter.fillPath(outline, theme.CARD_BACKGROUND)
        painter.fillPath(stripe, theme.DRIVER_COLORS.get(card.driver or "", theme.NO_DRIVER))
        if selected:
            pen = QPen(theme.SELECTION, 2.0)
        elif hovered:
            pen = QPen(theme.CARD_HOVER_BORDER, 1.0)
        else:
            pen = QPen(theme.CARD_BORDER, 1.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(outline)
        painter.translate(-rect.topLeft())

    def _header(self, painter: QPainter, inner: QRectF, card: Card) -> None:
        line = QRectF(inner.left(), inner.top(), inner.width(), 18)
        painter.setFont(self.small)
        painter.setPen(theme.MUTED_TEXT)
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, card.key)
        self._badge(painter, line, card)

    def _badge(self, painter: QPainter, line: QRectF, card: Card) -> None:
        found = quadrant(card.impact, card.effort, self.thresholds())
        if found is None:
            text = "not scored"
            background, foreground = QColor("#ffffff"), theme.MUTED_TEXT
        else:
            text = f"I{card.impact} · E{card.effort}"
            background, foreground = theme.QUADRANT_COLORS[found]
        width = self.badge_metrics.horizontalAdvance(text) + 12
        badge = QRectF(line.right() - width, line.top() + 1, width, line.height() - 2)
        painter.setPen(QPen(foreground if found is None else background.darker(108), 1.0))
        painter.setBrush(background)
        if found is None:
            painter.setPen(QPen(theme.CARD_BORDER, 1.0, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(badge, 8, 8)
        painter.setFont(self.badge_font)
        painter.setPen(foreground)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)

    def _title(self, painter: QPainter, inner: QRectF, card: Card) -> None:
        lines = self.title_lines(card.title, int(inner.width()))
        painter.setFont(self.title_font)
        painter.setPen(theme.TEXT)
        height = self.title_metrics.height()
        top = inner.top() + 21
        for number, text in enumerate(lines):
            box = QRectF(inner.left(), top + number * height, inner.width(), height)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    def title_lines(self, title: str, width: int) -> list[str]:
        """The title wrapped on words into at most two lines, the second elided."""
        key = (title, width)
        cached = self._title_cache.get(key)
        if cached is not None:
            return cached
        metrics = self.title_metrics
        words = title.split()
        first = ""
        rest_start = len(words)
        for position, word in enumerate(words):
            candidate = f"{first} {word}".strip()
            if metrics.horizontalAdvance(candidate) > width and first:
                rest_start = position
                break
            first = candidate
        else:
            rest_start = len(words)
        if metrics.horizontalAdvance(first) > width:  # one very long word
            first = metrics.elidedText(first, Qt.TextElideMode.ElideRight, width)
        lines = [first]
        if rest_start < len(words):
            rest = " ".join(words[rest_start:])
            lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
        if len(self._title_cache) > 20_000:
            self._title_cache.clear()
        self._title_cache[key] = lines
        return lines

    def _tags_and_checklist(self, painter: QPainter, inner: QRectF, card: Card) -> None:
        top = inner.top() + 21 + 2 * self.title_metrics.height() + 6
        line = QRectF(inner.left(), top, inner.width(), 18)
        right = line.right()
        painter.setFont(self.small)
        if card.checklist_total:
            complete = card.checklist_done == card.checklist_total
            text = f"☑ {card.checklist_done}/{card.checklist_total}"
            width = self.small_metrics.horizontalAdvance(text)
            painter.setPen(theme.SUCCESS if complete else theme.MUTED_TEXT)
            box = QRectF(right - width, line.top(), width, line.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            right -= width + 8
        x = line.left()
        for shown, tag in enumerate(card.tags):
            width = self.small_metrics.horizontalAdvance(tag.name) + 12
            remaining = len(card.tags) - shown
            reserve = self.small_metrics.horizontalAdvance(f"+{remaining}") + 6
            if x + width > right - (reserve if remaining > 1 else 0):
                painter.setPen(theme.MUTED_TEXT)
                more = QRectF(x, line.top(), right - x, line.height())
                flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                painter.drawText(more, flags, f"+{remaining}")
                break
            color = QColor(tag.color)
            pill = QRectF(x, line.top() + 1, width, line.height() - 2)
            fill = QColor(color)
            fill.setAlpha(38)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(pill, 8, 8)
            painter.setPen(color.darker(135))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, tag.name)
            x += width + 4

    def _people_verdict_due(self, painter: QPainter, inner: QRectF, card: Card) -> None:
        line = QRectF(inner.left(), inner.bottom() - 20, inner.width(), 20)
        painter.setFont(self.small)
        x = line.left()
        seen: set[int] = set()
        people = [p for p in card.people if not (p.id in seen or seen.add(p.id))]
        painter.setFont(self.initials_font)
        for number, person in enumerate(people[:4]):
            circle = QRectF(x + number * 22, line.top(), 20, 20)
            painter.setPen(QPen(theme.CARD_BACKGROUND, 1.5))
            painter.setBrush(_person_color(person.id))
            painter.drawEllipse(circle)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, person.initials)
        painter.setFont(self.small)
        if len(people) > 4:
            painter.setPen(theme.MUTED_TEXT)
            more = QRectF(x + 4 * 22 + 2, line.top(), 30, line.height())
            painter.drawText(more, Qt.AlignmentFlag.AlignVCenter, f"+{len(people) - 4}")
        right = line.right()
        if card.due:
            right = self._due(painter, line, card, right)
        marker = theme.VERDICT_MARKERS.get(card.verdict)
        if marker:
            glyph, label, color = marker
            text = f"{glyph} {label}"
            width = self.small_metrics.horizontalAdvance(text)
            painter.setPen(color)
            box = QRectF(right - width, line.top(), width, line.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)

    def _due(self, painter: QPainter, line: QRectF, card: Card, right: float) -> float:
        assert card.due is not None
        overdue = is_overdue(card.due, self.today(), done=self.is_done(card.column_id))
        try:
            when = date.fromisoformat(card.due)
            text = f"{when.day} {when:%b}"
        except ValueError:
            text = card.due
        text = ("Overdue " if overdue else "Due ") + text
        width = self.small_metrics.horizontalAdvance(text) + 10
        box = QRectF(right - width, line.top() + 1, width, line.height() - 2)
        if overdue:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.DANGER_BACKGROUND)
            painter.drawRoundedRect(box, 8, 8)
        painter.setPen(theme.DANGER if overdue else theme.MUTED_TEXT)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        return right - width - 6


_PERSON_COLORS = ("#0f766e", "#7c3aed", "#b45309", "#be123c", "#1d4ed8", "#4d7c0f", "#9333ea")


def _person_color(person_id: int) -> QColor:
    return QColor(_PERSON_COLORS[person_id % len(_PERSON_COLORS)])
