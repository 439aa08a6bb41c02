"""View → Due Checks: the main window's part in showing the evaluation checks due."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

if TYPE_CHECKING:
    from ldboard.ui.checks import DueChecksDialog
    from ldboard.ui.common.session import BoardSession


class WindowChecks:
    """Mixed into ``MainWindow``: one Due checks dialog per open board."""

    session: BoardSession | None
    _due_checks_dialog: DueChecksDialog | None = None

    def show_due_checks(self) -> QDialog:
        """Show the checks due by today (a new list when another board was opened)."""
        from ldboard.ui.checks import DueChecksDialog

        assert self.session is not None
        dialog = self._due_checks_dialog
        if dialog is None or dialog.session is not self.session:
            if dialog is not None:
                dialog.deleteLater()
            dialog = DueChecksDialog(self.session, self.edit_item, self)  # type: ignore[attr-defined, arg-type]
            self._due_checks_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog
