"""Helpers shared by the first-use tests."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ldboard.ui.cards.column_model import CARD_ROLE


def column_id(window, name):
    return next(c.id for c in window.board_model.columns if c.name == name)


def view_of(window, name):
    return window.board_view.column_view(column_id(window, name))


def keys(view):
    model = view.model()
    return [model.index(r, 0).data(CARD_ROLE).key for r in range(model.rowCount())]


def tab_stops(dialog):
    """The widgets Tab visits, in order (a spin box's inner line edit counts as the spin box)."""
    stops, widget = [], dialog.nextInFocusChain()
    while widget is not dialog:
        takes_tab = widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if takes_tab and widget.focusProxy() is None:
            owner = widget.parent() if widget.objectName().startswith("qt_") else widget
            if owner not in stops:
                stops.append(owner)
        widget = widget.nextInFocusChain()
    return stops
