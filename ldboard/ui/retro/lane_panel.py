"""One lane of the retrospective: its header, its entries and its entry box.

The Actions lane also holds, at its top, the open actions carried over from
earlier retrospectives, each marked with where it came from and how often it
slipped; the list is as tall as its cards, up to most of the lane.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ldboard.ui.retro.entry_delegate import LANE_COLORS, EntryDelegate
from ldboard.ui.retro.lane_model import EntryListModel
from ldboard.ui.retro.lane_view import LaneView
from ldboard.ui.retro.rows import ACTION, LANE_TITLES

#: What each lane is for, shown in its empty list and as the entry box's prompt.
PROMPTS = {
    "went_well": ("What worked this iteration, and should be kept?", "Add what went well…"),
    "to_improve": ("What slowed you down, or surprised you?", "Add what to improve…"),
    "action": (
        "What will you change next? Give each action an owner and a due date.",
        "Add an action…",
    ),
    "note": ("Anything else worth remembering: numbers, context, decisions.", "Add a note…"),
}
#: The carried actions take at most this share of the lane's height, then scroll.
CARRIED_SHARE = 0.6
READ_ONLY_HINT = "Nothing was written here."
CARRIED_TIP = (
    "Open actions from earlier retrospectives stay here until they are ticked done. "
    "“Slipped 2×” means two iterations closed with the action still open. Ticking one "
    "records that it was done in this iteration."
)


class LanePanel(QFrame):
    def __init__(
        self,
        model: EntryListModel,
        delegate: EntryDelegate,
        carried: EntryListModel | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        kind = model.kind or ""
        self.kind = kind
        title = LANE_TITLES.get(kind, kind)
        self.setObjectName(f"retroLanePanel_{kind}")
        self.setAccessibleName(title)
        color = LANE_COLORS.get(kind)
        self.setStyleSheet(
            f"QFrame#retroLanePanel_{kind} {{ background: #e2e7ee; border-radius: 8px;"
            f" border-top: 3px solid {color.name() if color else '#94a3b8'}; }}"
        )

        self.title = QLabel(f"<b>{title}</b>", self)
        self.title.setObjectName(f"retroLaneTitle_{kind}")
        self.count = QLabel(self)
        self.count.setObjectName(f"retroLaneCount_{kind}")
        self.count.setFixedHeight(18)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count.setStyleSheet(
            "color: #475569; background: #cbd5e1; border-radius: 9px; padding: 0 8px;"
        )
        header = QHBoxLayout()
        header.setContentsMargins(10, 8, 10, 2)
        header.addWidget(self.title, 1)
        header.addWidget(self.count)

        self.view = LaneView(model, delegate, self)
        self.view.setObjectName(f"retroList_{kind}")
        self.view.setAccessibleName(f"{title} entries")
        hint, placeholder = PROMPTS.get(kind, ("", "Add…"))
        self._hint = hint
        self.view.hint = hint

        self.entry_box = QLineEdit(self)
        self.entry_box.setObjectName(f"retroEntryBox_{kind}")
        self.entry_box.setAccessibleName(f"New entry in {title}")
        self.entry_box.setPlaceholderText(f"{placeholder}  (Enter)")
        self.entry_box.setClearButtonEnabled(True)
        self.entry_box.setStyleSheet(
            "QLineEdit { padding: 5px 8px; border: 1px dashed #94a3b8; border-radius: 5px;"
            " background: #f8fafc; } QLineEdit:focus { border: 1px solid #2563eb;"
            " background: #ffffff; }"
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 8)
        layout.setSpacing(4)
        layout.addLayout(header)

        self.carried_view: LaneView | None = None
        self.carried_title: QLabel | None = None
        self.own_title: QLabel | None = None
        if carried is not None and kind == ACTION:
            self.carried_title = QLabel(self)
            self.carried_title.setObjectName("retroCarriedTitle")
            self.carried_title.setToolTip(CARRIED_TIP)
            self.carried_title.setStyleSheet("color: #92400e; padding: 4px 8px 0 8px;")
            self.carried_view = LaneView(carried, delegate, self)
            self.carried_view.setObjectName("retroCarriedList")
            self.carried_view.setAccessibleName("Actions carried over from earlier iterations")
            self.carried_view.setToolTip(CARRIED_TIP)
            self.carried_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            self.own_title = QLabel("This iteration’s actions", self)
            self.own_title.setObjectName("retroOwnActionsTitle")
            self.own_title.setStyleSheet("color: #475569; padding: 6px 8px 0 8px;")
            layout.addWidget(self.carried_title)
            layout.addWidget(self.carried_view)
            layout.addWidget(self.own_title)
            for signal in (
                carried.rowsInserted,
                carried.rowsRemoved,
                carried.modelReset,
                carried.dataChanged,
            ):
                signal.connect(self._fit_carried)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.entry_box)

        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._count_changed)
        model.rowsInserted.connect(self._show_inserted)
        self._count_changed()
        self._fit_carried()

    # --- what the panel shows ------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self.entry_box.setVisible(not read_only)
        self.entry_box.setEnabled(not read_only)
        self.view.hint = READ_ONLY_HINT if read_only else self._hint
        self.view.viewport().update()

    def _count_changed(self, *_args: object) -> None:
        self.count.setText(str(self.view.lane_model().rowCount()))

    def _show_inserted(self, _parent: QModelIndex, first: int, _last: int) -> None:
        """A new entry comes into view (typing several in a row keeps them visible)."""
        self.view.scrollTo(self.view.lane_model().index(first))

    def _fit_carried(self, *_args: object) -> None:
        view = self.carried_view
        if view is None or self.carried_title is None or self.own_title is None:
            return
        model = view.lane_model()
        count = model.rowCount()
        has_any = count > 0
        for widget in (self.carried_title, view, self.own_title):
            widget.setVisible(has_any)
        if not has_any:
            return
        open_count = sum(1 for row in model.rows() if not row.done)
        done_count = count - open_count
        text = f"<b>Carried over</b> · {open_count} open"
        if done_count:
            text += f" · {done_count} done"
        self.carried_title.setText(text)
        view.doItemsLayout()
        limit = max(140, int(self.height() * CARRIED_SHARE))
        view.setFixedHeight(min(view.content_height(), limit))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() or (
            event.size().height() != event.oldSize().height()
        ):
            self._fit_carried()
