"""Paints retrospective entries as cards and edits their text in place.

No widget per entry: one delegate paints every card of a lane from the
geometry in ``entry_layout.py``, and turns clicks on a card's parts into
requests (tick the action, open the linked initiative, edit owner and due
date) that the page carries out through the session. Double-click or F2
opens a text editor over the card's text; Enter saves, Shift+Enter starts a
new line, Esc cancels.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ldboard.ui.cards.avatar_colors import AvatarColors
from ldboard.ui.common import theme
from ldboard.ui.retro.entry_layout import (
    AVATAR,
    CHIP_PAD,
    PADDING,
    STRIPE,
    EntryLayout,
    entry_layout,
    small_font,
)
from ldboard.ui.retro.lane_model import ROW_ROLE
from ldboard.ui.retro.rows import EntryRow

Index = QModelIndex | QPersistentModelIndex

#: The stripe at the left of a card, by lane.
LANE_COLORS = {
    "went_well": QColor("#16a34a"),
    "to_improve": QColor("#d97706"),
    "action": QColor("#2563eb"),
    "note": QColor("#64748b"),
}
OVERDUE_BACKGROUND = QColor("#fff1f1")
SLIP_COLORS = (QColor("#fef3c7"), QColor("#92400e"))  # background, text
SLIP_MANY_COLORS = (theme.DANGER_BACKGROUND, QColor("#991b1b"))
CHIP_BACKGROUND = QColor("#f1f5f9")
LINK = theme.SELECTION
#: From this many slips on, the slip badge turns red.
MANY_SLIPS = 3


class EntryTextEditor(QPlainTextEdit):
    """The in-place editor: word-wrapped like the card, Enter saves."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("retroEntryEditor")
        self.setAccessibleName("Entry text")
        self.setTabChangesFocus(True)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.document().setDocumentMargin(PADDING - 4)
        self.setStyleSheet(
            "QPlainTextEdit#retroEntryEditor { background: #ffffff; border: 2px solid #2563eb;"
            " border-radius: 6px; padding: 3px 4px; }"
        )


class EntryDelegate(QStyledItemDelegate):
    #: Tick (True) or reopen an action.
    toggle_requested = Signal(int, bool)
    #: Open an initiative in the card editor.
    link_activated = Signal(int)
    #: Edit an action's owner, due date and linked initiative.
    details_requested = Signal(int)

    def __init__(self, avatar_colors: AvatarColors, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.avatar_colors = avatar_colors

    # --- geometry ------------------------------------------------------------------------

    def layout(self, option: QStyleOptionViewItem, row: EntryRow) -> EntryLayout:
        rect = QRect(option.rect)
        widget = option.widget
        if widget is not None and hasattr(widget, "viewport"):
            rect.setWidth(widget.viewport().width())  # the row is as wide as the lane
        return entry_layout(rect, row, option.font)

    def layout_for(self, view: QWidget, index: Index) -> EntryLayout | None:
        """The layout of ``index`` as ``view`` shows it now (for hit tests)."""
        row = index.data(ROW_ROLE)
        if not isinstance(row, EntryRow):
            return None
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = view.visualRect(index)  # type: ignore[attr-defined]
        option.widget = view
        return self.layout(option, row)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        row = index.data(ROW_ROLE)
        if not isinstance(row, EntryRow):
            return super().sizeHint(option, index)
        layout = self.layout(option, row)
        return QSize(layout.card.width(), layout.height)

    # --- painting ----------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, EntryRow):
            return
        layout = self.layout(option, row)
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_card(painter, layout, row, selected, hovered)
        font = QFont(option.font)
        if row.done:
            font.setStrikeOut(True)
        painter.setFont(font)
        painter.setPen(theme.MUTED_TEXT if row.done else theme.TEXT)
        painter.drawText(layout.text, int(Qt.TextFlag.TextWordWrap), row.entry.text)
        if layout.check is not None:
            self._paint_check(
                painter, layout.check, row.done, bool(index.flags() & Qt.ItemFlag.ItemIsEditable)
            )
        painter.setFont(small_font(option.font))
        for chip in layout.chips:
            self._paint_chip(painter, chip.part, chip.rect, chip.text, row)
        painter.restore()

    def _paint_card(
        self, painter: QPainter, layout: EntryLayout, row: EntryRow, selected: bool, hovered: bool
    ) -> None:
        card = layout.card.adjusted(0, 0, -1, -1)
        path = QPainterPath()
        path.addRoundedRect(card, 6, 6)
        painter.fillPath(path, OVERDUE_BACKGROUND if row.overdue else theme.CARD_BACKGROUND)
        stripe = QPainterPath()
        stripe.addRoundedRect(card.left(), card.top(), 8, card.height(), 6, 6)
        painter.save()
        painter.setClipRect(card.left(), card.top(), 4, card.height() + 1)
        color = theme.DANGER if row.overdue else LANE_COLORS.get(row.entry.kind, theme.MUTED_TEXT)
        painter.fillPath(stripe, color)
        painter.restore()
        if selected:
            painter.setPen(QPen(theme.SELECTION, 2))
        elif row.overdue:
            painter.setPen(QPen(QColor("#fca5a5"), 1))
        else:
            painter.setPen(QPen(theme.CARD_HOVER_BORDER if hovered else theme.CARD_BORDER, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)

    def _paint_check(self, painter: QPainter, rect: QRect, done: bool, enabled: bool) -> None:
        box = QPainterPath()
        box.addRoundedRect(rect.adjusted(0, 0, -1, -1), 4, 4)
        if done:
            painter.fillPath(box, theme.SUCCESS)
            pen = QPen(QColor("#ffffff"), 2)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            x, y, size = rect.left(), rect.top(), rect.width()
            painter.drawPolyline(
                [
                    QPointF(x + size * 0.25, y + size * 0.52),
                    QPointF(x + size * 0.43, y + size * 0.7),
                    QPointF(x + size * 0.76, y + size * 0.32),
                ]
            )
        else:
            painter.fillPath(box, QColor("#ffffff"))
            painter.setPen(QPen(QColor("#94a3b8") if enabled else QColor("#cbd5e1"), 1.5))
            painter.drawPath(box)

    def _paint_chip(
        self, painter: QPainter, part: str, rect: QRect, text: str, row: EntryRow
    ) -> None:
        align = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        if part == "owner" and row.owner_name:
            circle = QRect(rect.left(), rect.center().y() - AVATAR // 2, AVATAR, AVATAR)
            owner_id = row.entry.owner_id if row.entry.owner_id is not None else 0
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.avatar_colors.color(owner_id))
            painter.drawEllipse(circle)
            initials_font = QFont(painter.font())
            initials_font.setBold(True)
            initials_font.setPointSizeF(max(6.0, initials_font.pointSizeF() * 0.8))
            painter.save()
            painter.setFont(initials_font)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(circle, int(Qt.AlignmentFlag.AlignCenter), row.owner_initials)
            painter.restore()
            painter.setPen(theme.TEXT)
            painter.drawText(rect.adjusted(AVATAR + 5, 0, 0, 0), align, text)
            return
        if part in ("owner", "due", "slips"):
            background, color = CHIP_BACKGROUND, QColor("#475569")
            if part == "due" and row.overdue:
                background, color = theme.DANGER_BACKGROUND, theme.DANGER
            elif part == "due" and not row.entry.due:
                background, color = QColor(0, 0, 0, 0), theme.MUTED_TEXT
            elif part == "slips":
                background, color = SLIP_MANY_COLORS if row.slips >= MANY_SLIPS else SLIP_COLORS
            pill = QPainterPath()
            pill.addRoundedRect(
                rect.adjusted(0, 1, 0, -1), rect.height() / 2 - 1, rect.height() / 2 - 1
            )
            painter.fillPath(pill, background)
            font = QFont(painter.font())
            font.setBold(part == "slips" or (part == "due" and row.overdue))
            painter.save()
            painter.setFont(font)
            painter.setPen(color)
            painter.drawText(rect.adjusted(CHIP_PAD, 0, -CHIP_PAD + 2, 0), align, text)
            painter.restore()
            return
        font = QFont(painter.font())
        if part == "link":
            font.setUnderline(True)
            color = LINK
        elif part == "done":
            color = theme.SUCCESS
        else:  # where a carried action came from
            font.setItalic(True)
            color = QColor("#92400e") if row.slips else theme.MUTED_TEXT
        painter.save()
        painter.setFont(font)
        painter.setPen(color)
        painter.drawText(rect, align, text)
        painter.restore()

    # --- clicks ------------------------------------------------------------------------

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem, index: Index) -> bool:  # noqa: ANN001
        mouse_types = (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        )
        row = index.data(ROW_ROLE)
        if event.type() not in mouse_types or not isinstance(row, EntryRow):
            return super().editorEvent(event, model, option, index)
        assert isinstance(event, QMouseEvent)
        if event.button() != Qt.MouseButton.LeftButton:
            return super().editorEvent(event, model, option, index)
        point = event.position().toPoint()
        part = self.layout(option, row).part_at(point.x(), point.y())
        writable = bool(index.flags() & Qt.ItemFlag.ItemIsEditable)
        released = event.type() == QEvent.Type.MouseButtonRelease
        if part == "check" and row.is_action and writable:
            if released:
                self.toggle_requested.emit(row.id, not row.done)
            return True
        if part == "link" and row.entry.item_id is not None:
            if released:
                self.link_activated.emit(row.entry.item_id)
            return True
        double = event.type() == QEvent.Type.MouseButtonDblClick
        if double and part in ("owner", "due", "done") and row.is_action and writable:
            self.details_requested.emit(row.id)
            return True
        return super().editorEvent(event, model, option, index)

    # --- editing text in place ---------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = EntryTextEditor(parent)
        editor.setFont(option.font)
        editor.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, EntryTextEditor):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # noqa: ANN001
        if isinstance(editor, EntryTextEditor):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, EntryRow):
            return
        layout = self.layout(option, row)
        line = option.fontMetrics.lineSpacing()
        area = layout.card.adjusted(STRIPE, 0, 0, 0)
        area.setHeight(max(area.height(), layout.text.height() + 2 * line + 2 * PADDING))
        editor.setGeometry(area)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        """Enter saves and closes the editor; Shift+Enter is a new line."""
        if isinstance(editor, EntryTextEditor) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(editor, event)
