"""The strip above the views that says the board cannot be changed, and why."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class ReadOnlyBanner(QFrame):
    """Shown while the open board is read-only (file permissions, a damaged file)."""

    save_copy_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setAccessibleName("Read-only board")
        self.setFrameShape(QFrame.Shape.NoFrame)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.label = QLabel(self)
        self.label.setObjectName("readOnlyReason")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_copy = QPushButton("Save a Copy As…", self)
        self.save_copy.setObjectName("readOnlySaveCopy")
        self.save_copy.setToolTip("Write an editable copy of this board to another file")
        self.save_copy.clicked.connect(self.save_copy_requested)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.save_copy)
        self.hide()

    def show_reason(self, reason: str) -> None:
        self.label.setText(
            f"<b>Read-only.</b> {reason} You can look at everything; "
            "to make changes, save a copy you can edit."
        )
        self.show()
