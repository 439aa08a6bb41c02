"""The intake conversation: Item → New Request… (``IntakeWizard``)."""

from ldboard.ui.intake.wizard import IntakeWizard

__all__ = ["IntakeWizard"]
