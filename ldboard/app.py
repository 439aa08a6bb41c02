"""Public entry point for building the GUI (used by tests and the screenshot script)."""

from ldboard.ui.shell.app import build_main_window, ensure_application, run

__all__ = ["build_main_window", "ensure_application", "run"]
