"""The card editor on a read-only board: every field shown, nothing editable."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
)


def make_view_only(dialog: QDialog, buttons: QDialogButtonBox, note: QLabel, reason: str) -> None:
    """Turn the editor into a viewer: text stays selectable, choices are fixed,
    there is no Save, and the note says why."""
    for edit in dialog.findChildren(QLineEdit) + dialog.findChildren(QAbstractSpinBox):
        edit.setReadOnly(True)
    for text in dialog.findChildren(QPlainTextEdit) + dialog.findChildren(QTextEdit):
        text.setReadOnly(True)
    for widget in (
        dialog.findChildren(QComboBox)
        + dialog.findChildren(QDateEdit)
        + dialog.findChildren(QListView)
        + dialog.findChildren(QAbstractButton)
    ):
        if widget.parent() is not buttons and not isinstance(widget.parent(), QTabBar):
            widget.setEnabled(False)
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    if save is not None:
        save.hide()
    close = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    if close is not None:
        close.setText("Close")
        close.setToolTip("Close the card (Esc)")
    note.setText(f"{reason} This card can be looked at but not changed.")
    note.setProperty("role", "warning")
    note.style().unpolish(note)
    note.style().polish(note)
    note.show()
