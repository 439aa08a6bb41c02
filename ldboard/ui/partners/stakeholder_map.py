"""The stakeholder map: partners placed by influence (up) against involvement (across).

It is the impact/effort matrix's grid (``ui/common/grid_scene``) with people on
it: the same packed chips, "+N more" for a crowded cell, drag or Shift+arrows
to re-place someone. Only what differs lives here: a chip shows a person, the
quadrants are the four stances of ``domain.stakeholders``, and a move is
``ops.partners.place_person``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import QStyle, QStyleOptionGraphicsItem, QWidget

from ldboard.domain.matrix import Box
from ldboard.domain.model import Person
from ldboard.domain.stakeholders import HIGH, MAP_RANGE, STANCE_ADVICE, Stance, stance
from ldboard.ui.common import theme
from ldboard.ui.common.grid_geometry import Cell, Margins
from ldboard.ui.common.grid_items import GridChip
from ldboard.ui.common.grid_scene import GridScene
from ldboard.ui.common.grid_view import GridView
from ldboard.ui.partners.models import decode_people
from ldboard.ui.partners.reads import level_text

#: Where each stance's name is written: its outermost cell (influence, involvement).
STANCE_CORNERS = {
    Stance.KEEP_SATISFIED: (5, 1),
    Stance.MANAGE_CLOSELY: (5, 5),
    Stance.MONITOR: (1, 1),
    Stance.KEEP_INFORMED: (1, 5),
}
#: Cell shading and label colour of each stance.
STANCE_COLORS = {
    Stance.KEEP_SATISFIED: (QColor("#fff7e6"), QColor("#92400e")),
    Stance.MANAGE_CLOSELY: (QColor("#eef4ff"), QColor("#1e40af")),
    Stance.MONITOR: (QColor("#f6f7f9"), QColor("#475569")),
    Stance.KEEP_INFORMED: (QColor("#ecfdf3"), QColor("#166534")),
}
INFLUENCE_NAMES = {1: "Little", 2: "Some", 3: "Real", 4: "Strong", 5: "Decisive"}
INVOLVEMENT_NAMES = {1: "Unaware", 2: "Informed", 3: "Consulted", 4: "Engaged", 5: "Leading"}
#: Level initial on a chip: E(xecutive), M(iddle manager), F(ront line).
LEVEL_MARKS = {"executive": "E", "middle_manager": "M", "front_line": "F"}


class PersonChip(GridChip):
    """One partner: initials in a disc tinted by stance, name, level mark."""

    def __init__(self, person: Person, font: QFont) -> None:
        super().__init__()
        self.person = person
        self._font = font

    @property
    def entry_id(self) -> int:
        return self.person.id

    def set_person(self, person: Person) -> None:
        if person != self.person:
            self.setToolTip("")  # written again on the next hover
            self.person = person
            self.update()

    def tooltip_text(self) -> str:
        person = self.person
        lines = [person.name]
        details = " · ".join(t for t in (person.role, person.department) if t)
        if details:
            lines.append(details)
        if level := level_text(person.level):
            lines.append(f"Level: {level}")
        lines.append(f"Influence {person.influence} · Involvement {person.involvement}")
        found = stance(person.influence, person.involvement)
        if found is not None:
            lines.append(f"{found.label}: {STANCE_ADVICE[found]}")
        return "\n".join(lines)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        width, height = self.size
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        found = stance(self.person.influence, self.person.involvement)
        accent = STANCE_COLORS[found][1] if found is not None else theme.MUTED_TEXT
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = QPainterPath()
        outline.addRoundedRect(QRectF(0.5, 0.5, width - 1, height - 1), height / 2, height / 2)
        painter.fillPath(outline, theme.CARD_BACKGROUND)
        painter.setPen(QPen(theme.SELECTION, 2) if selected else QPen(accent.lighter(160), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)  # never inherit a brush from earlier painting
        painter.drawPath(outline)
        disc = QRectF(2, 2, height - 4, height - 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawEllipse(disc)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setFont(self._font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, self.person.initials[:2])
        metrics = QFontMetricsF(self._font)
        right = width - 8
        mark = LEVEL_MARKS.get(self.person.level or "", "")
        flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        if mark:
            painter.setPen(theme.MUTED_TEXT)
            painter.drawText(QRectF(right - 10, 0, 10, height), Qt.AlignmentFlag.AlignCenter, mark)
            right -= 14
        painter.setPen(theme.TEXT)
        name_box = QRectF(height + 2, 0, right - height - 2, height)
        name = metrics.elidedText(self.person.name, Qt.TextElideMode.ElideRight, name_box.width())
        painter.drawText(name_box, flags, name)


class StakeholderScene(GridScene):
    place_requested = Signal(int, int, int)  # person id, influence, involvement

    MARGINS = Margins(left=104.0, right=16.0, top=44.0, bottom=70.0)
    MINIMUM_SIZE = (560.0, 420.0)
    NOUN = "people"

    def __init__(self, font: QFont, parent: object | None = None) -> None:
        super().__init__(font, parent)
        self.title = "Stakeholder map"
        self._stance_counts: dict[Stance, int] = {}

    # --- what an entry is --------------------------------------------------------------

    def entry_id(self, entry: Any) -> int:
        return entry.id

    def entry_cell(self, entry: Any) -> Cell | None:
        if entry.influence in MAP_RANGE and entry.involvement in MAP_RANGE:
            return entry.influence, entry.involvement
        return None

    def entry_order(self, entry: Any) -> tuple[str, int]:
        return entry.name.casefold(), entry.id

    def make_chip(self, entry: Any) -> GridChip:
        return PersonChip(entry, self.small_font)

    def refresh_chip(self, chip: GridChip, entry: Any) -> None:
        assert isinstance(chip, PersonChip)
        chip.set_person(entry)

    def request_move(self, entry_id: int, row: int, column: int) -> None:
        self.place_requested.emit(entry_id, row, column)

    def stance_counts(self) -> dict[Stance, int]:
        counts = dict.fromkeys(Stance, 0)
        for (influence, involvement), count in self.counts().items():
            found = stance(influence, involvement)
            if found is not None:
                counts[found] += count
        return counts

    def repaint_cells(self, cells: Any) -> None:
        """The touched cells, and the stance labels, whose counts follow every cell."""
        super().repaint_cells(cells)
        for corner in STANCE_CORNERS.values():
            self.update(self.header_rect(self.geometry.cell(*corner)))

    # --- painting --------------------------------------------------------------------------

    def cell_fill(self, row: int, column: int) -> QColor:
        found = stance(row, column)
        assert found is not None
        return STANCE_COLORS[found][0]

    def splits(self) -> Cell:
        return HIGH, HIGH

    def paint_headers(self, painter: QPainter, exposed: QRectF) -> None:
        self._stance_counts = self.stance_counts()  # once per paint, not once per cell
        super().paint_headers(painter, exposed)

    def paint_cell_header(self, painter: QPainter, box: Box, row: int, column: int) -> None:
        super().paint_cell_header(painter, box, row, column)  # the count
        found = stance(row, column)
        if found is None or STANCE_CORNERS[found] != (row, column):
            return
        header = self.header_box(box)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.setFont(self.bold_font)
        painter.setPen(STANCE_COLORS[found][1])
        painter.drawText(header, left, found.label)
        count = self._stance_counts.get(found, 0)
        detail = "1 person" if count == 1 else f"{count} people"
        name_width = QFontMetricsF(self.bold_font).horizontalAdvance(found.label)
        own = len(self.entries(row, column))
        metrics = QFontMetricsF(self.small_font)
        room = header.width() - (metrics.horizontalAdvance(str(own)) + 8 if own else 0)
        if name_width + 8 + metrics.horizontalAdvance(detail) <= room:
            painter.setFont(self.small_font)
            painter.drawText(header.adjusted(name_width + 8, 0, 0, 0), left, detail)

    def paint_margins(self, painter: QPainter) -> None:
        self.paint_axes(
            painter,
            lambda score: f"{score}\n{INFLUENCE_NAMES[score]}",
            lambda score: f"{score} · {INVOLVEMENT_NAMES[score]}",
            "Influence →",
            "Involvement →",
        )
        self.paint_title(painter)


class StakeholderView(GridView):
    """The map, sized to the view; people dragged from the unplaced list land here."""

    def __init__(self, scene: StakeholderScene, token: str, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("stakeholderMap")
        self.setAccessibleName("Stakeholder map: influence against involvement")
        self._token = token

    def stakeholders(self) -> StakeholderScene:
        scene = self.scene()
        assert isinstance(scene, StakeholderScene)
        return scene

    def dropped_ids(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> list[int]:
        return decode_people(event.mimeData(), self._token)
