"""Item → New Request…: the intake conversation, opened from the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ldboard.ui.intake import IntakeWizard


class WindowIntake:
    """Mixed into ``MainWindow``: opens the intake wizard and reports what it recorded."""

    def new_request(self) -> IntakeWizard:
        from ldboard.ui.intake import IntakeWizard

        assert self.session is not None  # type: ignore[attr-defined]
        wizard = IntakeWizard(self.session, self, prompter=self.prompter)  # type: ignore[attr-defined]
        wizard.accepted.connect(lambda: self._request_recorded(wizard))
        wizard.finished.connect(wizard.deleteLater)
        wizard.open()
        return wizard

    def _request_recorded(self, wizard: IntakeWizard) -> None:
        self.statusBar().showMessage(wizard.message, 8000)  # type: ignore[attr-defined]
        item = self.session.board.item(wizard.item_id) if wizard.item_id else None  # type: ignore[attr-defined]
        if item is not None and item.archived_at is None:
            self.current_screen().select_item(item.id)  # type: ignore[attr-defined]
