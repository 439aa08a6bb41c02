"""Paints one card. Used by the board's delegate and for drag pixmaps.

Painting instead of a widget per card keeps a 10,000-card board cheap: only
the cards inside the viewport are ever drawn, and nothing is allocated per card.

A card is as tall as its title needs: one line or two (longer titles are
elided on the second line), so a short title leaves no empty line behind.
The painter also says where each avatar is, so the delegate can name the
person under the pointer, and where a card of the running iteration shows its
marker (a small flag after the key; the card's tooltip names the iteration).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPixmap

from ldboard.domain.cards import Card
from ldboard.domain.rules import Thresholds, is_overdue, quadrant
from ldboard.ui.cards.avatar_colors import AvatarColors
from ldboard.ui.cards.card_badges import (
    CHECKS_DUE_COLORS,
    CHECKS_OVERDUE_COLORS,
    TRIAGE_BADGES,
    checks_due_text,
    draw_iteration_marker,
    pill_drawer,
    score_text,
)
from ldboard.ui.cards.card_layout import (
    AVATAR_STEP,
    PADDING,
    STRIPE,
    AvatarSpot,
    BottomLine,
    avatar_spots,
    bottom_line,
    card_rect,
    day_label,
    header_line,
    inner_rect,
    iteration_marker_rect,
)
from ldboard.ui.common import theme

#: Card height without its title lines: frame, key line, tags line, people line, gaps.
_FRAME = 1.0 + (PADDING - 2.0) + (PADDING - 2.0) + (theme.CARD_SPACING - 1.0)
_ABOVE_TITLE = 21.0
_BELOW_TITLE = 6.0 + 18.0 + 2.0 + 20.0
AVATAR_TEXT = QColor("#ffffff")
#: Shared parts (badges, tags, avatars, dates) kept as pictures; a board has a few hundred.
STAMP_LIMIT = 4000


class CardPainter:
    """Draws cards of a fixed height; fonts and metrics are built once."""

    def __init__(
        self,
        base_font: QFont,
        *,
        thresholds: Callable[[], Thresholds] = Thresholds,
        is_done: Callable[[int], bool] = lambda _column_id: False,
        today: Callable[[], date] = date.today,
        avatar_colors: AvatarColors | None = None,
        current_iteration: Callable[[], int | None] = lambda: None,
    ) -> None:
        self.thresholds = thresholds
        self.is_done = is_done
        self.today = today
        #: Id of the running iteration (``None``: none runs); its cards show a marker.
        self.current_iteration = current_iteration
        self.avatar_colors = avatar_colors or AvatarColors()
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
        self._advances: dict[str, float] = {}
        self._outlines: dict[tuple[float, float], tuple[QPainterPath, QPainterPath]] = {}
        self._stamps: dict[tuple[object, ...], QPixmap] = {}
        self._seen: set[tuple[object, ...]] = set()
        self._widths: dict[tuple[int, str], float] = {}

    # --- size ------------------------------------------------------------------------

    def card_height(self, lines: int) -> int:
        """Height of a card (with the gap below it) whose title takes ``lines`` lines."""
        return math.ceil(_FRAME + _ABOVE_TITLE + lines * self.title_metrics.height() + _BELOW_TITLE)

    def height_for(self, card: Card, width: int) -> int:
        """Height of ``card`` in a row ``width`` pixels wide."""
        return self.card_height(self.title_line_count(card.title, self.title_width(width)))

    def size_hint(self, card: Card, width: int) -> QSize:
        return QSize(width, self.height_for(card, width))

    @staticmethod
    def title_width(width: float) -> int:
        """Width available to the title in a card ``width`` pixels wide."""
        return int(width - 2.0 - 2 * PADDING - STRIPE)

    def title_line_count(self, title: str, width: int) -> int:
        """1 or 2, as :meth:`title_lines` wraps ``title`` (without laying it out).

        A title fits on one line when all of it does (a single long word is
        elided instead of wrapped). Measuring is cached per title, so a new
        column width costs a comparison, not a measurement.
        """
        words = title.split()
        if len(words) <= 1:
            return 1
        text = " ".join(words)
        advance = self._advances.get(text)
        if advance is None:
            if len(self._advances) > 50_000:
                self._advances.clear()
            advance = self._advances[text] = self.title_metrics.horizontalAdvance(text)
        return 1 if advance <= width else 2

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
        outline = card_rect(rect)
        self._frame(painter, outline, card, selected=selected, hovered=hovered)
        inner = inner_rect(outline)
        self._header(painter, inner, card)
        self._title(painter, inner, card)
        self._tags_and_checklist(painter, inner, card)
        self._people_verdict_due(painter, inner, card)
        if focused and not selected:
            painter.setPen(QPen(theme.SELECTION, 1.0, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(outline.adjusted(2, 2, -2, -2), 5, 5)
        painter.restore()

    def pixmap(self, card: Card, width: int, device_pixel_ratio: float = 1.0) -> QPixmap:
        """The card as a picture (what the pointer carries while dragging).

        It is translucent so the drop line under the pointer stays visible.
        """
        height = self.height_for(card, width)
        pixmap = QPixmap(QSize(width, height) * device_pixel_ratio)
        pixmap.setDevicePixelRatio(device_pixel_ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setOpacity(0.72)
        self.paint(painter, QRectF(0, 0, width, height), card, selected=True)
        painter.end()
        return pixmap

    # --- parts -----------------------------------------------------------------------

    def _stamp(
        self,
        painter: QPainter,
        key: tuple[object, ...],
        rect: QRectF,
        draw: Callable[[QPainter, QRectF], None],
    ) -> None:
        """Draw a small part that many cards share (a score badge, a tag, an avatar,
        a due date) from a picture of it made once, instead of laying out its text
        and shapes again on every card: most of a card's cost is such parts, and
        a filter keystroke renders dozens of cards at once.

        The picture has the card's background, on which every such part sits. A
        part seen for the first time is drawn directly, so opening a board (where
        most parts are new) pays nothing for pictures that might not be reused.
        """
        ratio = painter.device().devicePixelRatioF()
        width, height = math.ceil(rect.width()), math.ceil(rect.height())
        full_key = (*key, width, height, ratio)
        pixmap = self._stamps.get(full_key)
        if pixmap is None and full_key not in self._seen:
            if len(self._seen) > STAMP_LIMIT:
                self._seen.clear()
            self._seen.add(full_key)
            painter.save()
            painter.translate(round(rect.left()), round(rect.top()))
            draw(painter, QRectF(0, 0, rect.width(), rect.height()))
            painter.restore()
            return
        if pixmap is None:
            if len(self._stamps) > STAMP_LIMIT:
                self._stamps.clear()
            pixmap = QPixmap(QSize(width, height) * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(theme.CARD_BACKGROUND)
            stamp_painter = QPainter(pixmap)
            stamp_painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw(stamp_painter, QRectF(0, 0, rect.width(), rect.height()))
            stamp_painter.end()
            self._stamps[full_key] = pixmap
        painter.drawPixmap(QPointF(round(rect.left()), round(rect.top())), pixmap)

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
        line = header_line(inner)
        painter.setFont(self.small)
        painter.setPen(theme.MUTED_TEXT)
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, card.key)
        marker = self._marker_rect(line, card)
        if marker is not None:
            self._stamp(painter, ("iteration",), marker, draw_iteration_marker)
        if card.triage in TRIAGE_BADGES:
            self._triage_badge(painter, line, card, marker)
        self._badge(painter, line, card)

    def _triage_badge(
        self, painter: QPainter, line: QRectF, card: Card, marker: QRectF | None
    ) -> None:
        """A pill after the key (and the iteration marker): "New", "In review", "Waitlisted"."""
        text, background, foreground = TRIAGE_BADGES[card.triage or ""]
        left = (
            marker.right() + 4
            if marker is not None
            else line.left() + self._advance(self.small_metrics, card.key) + 6
        )
        width = self._advance(self.small_metrics, text) + 10
        box = QRectF(left, line.top() + 2, width, line.height() - 4)
        draw = pill_drawer(self.small, text, background, foreground)
        self._stamp(painter, ("triage", text), box, draw)

    def in_current_iteration(self, card: Card) -> bool:
        """Whether ``card`` is planned into the running iteration (and so shows the marker)."""
        return card.iteration_id is not None and card.iteration_id == self.current_iteration()

    def iteration_marker(self, rect: QRectF, card: Card) -> QRectF | None:
        """Where the card painted in ``rect`` shows its running-iteration marker, if it does."""
        return self._marker_rect(header_line(inner_rect(card_rect(rect))), card)

    def _marker_rect(self, line: QRectF, card: Card) -> QRectF | None:
        if not self.in_current_iteration(card):
            return None
        # Only marked cards measure their key: every card's key is different, so
        # the width cache keeps a few of them, not the whole board's.
        return iteration_marker_rect(line, self._advance(self.small_metrics, card.key))

    def _badge(self, painter: QPainter, line: QRectF, card: Card) -> None:
        found = quadrant(card.impact, card.effort, self.thresholds())
        text = score_text(card)
        if found is None:
            background, foreground = QColor("#ffffff"), theme.MUTED_TEXT
        else:
            background, foreground = theme.QUADRANT_COLORS[found]
        width = self._advance(self.badge_metrics, text) + 12
        badge = QRectF(line.right() - width, line.top() + 1, width, line.height() - 2)

        def draw(stamp: QPainter, box: QRectF) -> None:
            if found is None:
                stamp.setPen(QPen(theme.CARD_BORDER, 1.0, Qt.PenStyle.DashLine))
            else:
                stamp.setPen(QPen(background.darker(108), 1.0))
            stamp.setBrush(background)
            stamp.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
            stamp.setFont(self.badge_font)
            stamp.setPen(foreground)
            stamp.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

        self._stamp(painter, ("badge", text, found), badge, draw)

    def _title(self, painter: QPainter, inner: QRectF, card: Card) -> None:
        lines = self.title_lines(card.title, int(inner.width()))
        painter.setFont(self.title_font)
        painter.setPen(theme.TEXT)
        height = self.title_metrics.height()
        top = inner.top() + _ABOVE_TITLE
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
        lines = len(self.title_lines(card.title, int(inner.width())))
        top = inner.top() + _ABOVE_TITLE + lines * self.title_metrics.height() + 6
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
        if card.checks_due:
            right = self._checks_due(painter, line, right, card) - 6
        x = line.left()
        for shown, tag in enumerate(card.tags):
            width = self._advance(self.small_metrics, tag.name) + 12
            remaining = len(card.tags) - shown
            reserve = self._advance(self.small_metrics, f"+{remaining}") + 6
            if x + width > right - (reserve if remaining > 1 else 0):
                painter.setPen(theme.MUTED_TEXT)
                more = QRectF(x, line.top(), right - x, line.height())
                flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                painter.drawText(more, flags, f"+{remaining}")
                break
            pill = QRectF(x, line.top() + 1, width, line.height() - 2)
            self._stamp(
                painter, ("tag", tag.name, tag.color), pill, self._tag_drawer(tag.name, tag.color)
            )
            x += width + 4

    def _checks_due(self, painter: QPainter, line: QRectF, right: float, card: Card) -> float:
        """The checks-due pill ending at ``right``; returns where it starts."""
        text = checks_due_text(card)
        overdue = card.checks_overdue
        background, foreground = CHECKS_OVERDUE_COLORS if overdue else CHECKS_DUE_COLORS
        width = self._advance(self.small_metrics, text) + 12
        box = QRectF(right - width, line.top() + 1, width, line.height() - 2)
        draw = pill_drawer(self.small, text, background, foreground)
        self._stamp(painter, ("checks", text, overdue), box, draw)
        return box.left()

    def _advance(self, metrics: QFontMetricsF, text: str) -> float:
        """Width of a short, often repeated text (a badge, a tag, a date) in ``metrics``."""
        key = (id(metrics), text)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) > STAMP_LIMIT:
                self._widths.clear()
            width = self._widths[key] = metrics.horizontalAdvance(text)
        return width

    def _tag_drawer(self, name: str, color_name: str) -> Callable[[QPainter, QRectF], None]:
        color = QColor(color_name)
        fill = QColor(color)
        fill.setAlpha(38)
        return pill_drawer(self.small, name, fill, color.darker(135))

    def _people_verdict_due(self, painter: QPainter, inner: QRectF, card: Card) -> None:
        bottom = self._bottom_layout(bottom_line(inner), card)
        painter.setFont(self.small)
        if bottom.due is not None:
            box, text, overdue = bottom.due

            def draw_due(stamp: QPainter, area: QRectF) -> None:
                if overdue:
                    stamp.setPen(Qt.PenStyle.NoPen)
                    stamp.setBrush(theme.DANGER_BACKGROUND)
                    stamp.drawRoundedRect(area, 8, 8)
                stamp.setFont(self.small)
                stamp.setPen(theme.DANGER if overdue else theme.MUTED_TEXT)
                stamp.drawText(area, Qt.AlignmentFlag.AlignCenter, text)

            self._stamp(painter, ("due", text, overdue), box, draw_due)
        if bottom.verdict is not None:
            box, text = bottom.verdict
            painter.setPen(theme.VERDICT_MARKERS[card.verdict][2])
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        painter.setFont(self.initials_font)
        for spot in bottom.spots:
            if spot.more:
                painter.setFont(self.small)
                painter.setPen(theme.MUTED_TEXT)
                flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                painter.drawText(spot.rect, flags, f"+{len({p.id for p in spot.people})}")
                continue
            person = spot.people[0]
            color = self.avatar_colors.color(person.id)
            self._stamp(
                painter,
                ("avatar", person.initials, color.rgba()),
                spot.rect,
                self._avatar_drawer(person.initials, color),
            )

    def _avatar_drawer(self, initials: str, color: QColor) -> Callable[[QPainter, QRectF], None]:
        def draw(stamp: QPainter, box: QRectF) -> None:
            stamp.setPen(QPen(theme.CARD_BACKGROUND, 1.5))
            stamp.setBrush(color)
            stamp.drawEllipse(box)
            stamp.setFont(self.initials_font)
            stamp.setPen(AVATAR_TEXT)
            stamp.drawText(box, Qt.AlignmentFlag.AlignCenter, initials)

        return draw

    def avatar_spots(self, rect: QRectF, card: Card) -> list[AvatarSpot]:
        """Where the card painted in ``rect`` shows its people (for tooltips)."""
        return self._bottom_layout(bottom_line(inner_rect(card_rect(rect))), card).spots

    def avatar_at(self, rect: QRectF, card: Card, point: QPointF) -> AvatarSpot | None:
        return next((s for s in self.avatar_spots(rect, card) if s.rect.contains(point)), None)

    def _bottom_layout(self, line: QRectF, card: Card) -> BottomLine:
        """The due date at the right, the verdict left of it, then one avatar per
        person in the room left (at most four, the last spot "+N" if more)."""
        right = line.right()
        due = None
        if card.due:
            overdue = is_overdue(card.due, self.today(), done=self.is_done(card.column_id))
            text = ("Overdue " if overdue else "Due ") + day_label(card.due)
            width = self._advance(self.small_metrics, text) + 10
            due = (QRectF(right - width, line.top() + 1, width, line.height() - 2), text, overdue)
            right -= width + 6
        verdict = None
        marker = theme.VERDICT_MARKERS.get(card.verdict)
        if marker:
            glyph, label, _color = marker
            text = f"{glyph} {label}"
            width = self._advance(self.small_metrics, text)
            if width + 2 * AVATAR_STEP > right - line.left():  # short of room: the glyph only
                text, width = glyph, self._advance(self.small_metrics, glyph)
            verdict = (QRectF(right - width, line.top(), width, line.height()), text)
            right -= width + 6
        return BottomLine(due, verdict, avatar_spots(line, right, card))
