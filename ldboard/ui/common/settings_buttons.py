"""The buttons of a small settings dialog: OK, Cancel and Restore Defaults.

Shared by the settings dialogs (matrix thresholds, priority score, backups) so
they behave alike: OK is the default button, Restore Defaults only fills the
form (nothing is applied until OK).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox


def settings_buttons(
    dialog: QDialog, restore: Callable[[], None], restore_tip: str = ""
) -> QDialogButtonBox:
    """OK / Cancel / Restore Defaults wired to ``dialog`` and ``restore``."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.RestoreDefaults,
        dialog,
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    defaults = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
    defaults.setObjectName("restoreDefaults")
    if restore_tip:
        defaults.setToolTip(restore_tip)
    defaults.clicked.connect(restore)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
    return buttons
