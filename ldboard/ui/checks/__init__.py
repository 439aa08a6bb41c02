"""Evaluation checks that have fallen due, across the whole board."""

from ldboard.ui.checks.dialog import DueChecksDialog

__all__ = ["DueChecksDialog"]
