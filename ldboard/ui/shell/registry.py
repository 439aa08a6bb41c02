"""The main window's screens, in View-menu order.

Adding a view is writing its package (``ldboard/ui/<screen>/``, with a
``Screen`` subclass, see ``ldboard/ui/screen.py``) and adding it here.
"""

from __future__ import annotations

from ldboard.ui.board.screen import BoardScreen
from ldboard.ui.charts.screen import ChartsScreen
from ldboard.ui.iterations.screen import IterationsScreen
from ldboard.ui.matrix.screen import MatrixScreen
from ldboard.ui.partners.screen import PeopleScreen
from ldboard.ui.retro.screen import RetroScreen
from ldboard.ui.screen import Screen

SCREENS: tuple[type[Screen], ...] = (
    BoardScreen,
    MatrixScreen,
    IterationsScreen,
    RetroScreen,
    ChartsScreen,
    PeopleScreen,
)
