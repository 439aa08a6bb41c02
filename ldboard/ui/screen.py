"""What a screen package gives the main window, and what it gets from it.

Every view of the main window (the board, the matrix, …) lives in its own
package under ``ldboard/ui/`` and plugs into the window through one
``Screen`` subclass. The shell (``ui/shell``) keeps a list of them
(``shell/registry.py``) and, for each one, makes the View-menu entry and its
shortcut, adds the actions the screen contributes to the menus it names, and
builds the screen's page the first time it is shown. Adding a view therefore
means writing its package and adding one line to the registry; the main
window module does not grow.

A screen gets everything it needs about the open board once, in a
``ScreenContext``: the session (the only way to change the board), the
shared card model, the prompter for questions, and two requests it may make
of the window (open a card in the editor, add an item). Screens never reach
into the window or into each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ldboard.ui.cards.board_model import BoardModel
from ldboard.ui.common.prompts import Prompter
from ldboard.ui.common.session import BoardSession


@dataclass(frozen=True, slots=True)
class ScreenContext:
    """The open board, as every screen sees it."""

    session: BoardSession
    cards: BoardModel
    prompter: Prompter
    #: Open the card editor on an item (read-only boards: the editor only shows).
    open_item: Callable[[int], object]
    #: Open the card editor for a new item in a column (``None``: the intake column).
    new_item: Callable[[int | None], object]
    #: A short message in the status bar.
    show_message: Callable[[str], None]
    #: Show another screen (by ``object_name``) and hand it what to reveal, such as
    #: an iteration id (see ``Screen.reveal``).
    open_view: Callable[[str, object], None]
    #: The window, as the parent of the screen's page and dialogs.
    window: QWidget


#: Where a screen's action goes: a menu title as shown in the menu bar
#: ("&File", "&Item", "&Iteration"; a new title makes a new menu before Help),
#: optionally followed by a submenu title ("&File/&Export"). ``None`` as the
#: action adds a separator.
MenuEntry = tuple[str, QAction | None]


class Screen:
    """One view of the main window. Subclasses set the class attributes and
    implement ``build``; the rest has sensible defaults."""

    #: The page's ``objectName`` (tests and screen readers find it by this).
    object_name: ClassVar[str]
    #: The View-menu entry, its action's ``objectName``, shortcut and tip.
    title: ClassVar[str]
    action_name: ClassVar[str]
    shortcut: ClassVar[str]
    tip: ClassVar[str] = ""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        #: The View-menu entry, made by the shell.
        self.view_action: QAction | None = None
        #: Set by the shell: puts a freshly built page in the window's view stack.
        self.place_page: Callable[[Screen, QWidget], None] | None = None
        self.context: ScreenContext | None = None
        self._page: QWidget | None = None

    # --- what the screen provides ------------------------------------------------------

    def build(self, context: ScreenContext) -> QWidget:
        """The screen's page for the open board (called once per board, when first
        shown)."""
        raise NotImplementedError

    def create_actions(self) -> list[MenuEntry]:
        """Actions of the screen and the menus they go in, made once per window.
        They stay in the menus while another board is opened, so they reach the
        page through ``self.page()``."""
        return []

    def shown(self) -> None:
        """The page has just become the visible one."""

    def select_item(self, item_id: int) -> None:
        """Show and select ``item_id`` (after the editor saved it)."""

    def reveal(self, subject: object) -> None:
        """Another screen asked to show ``subject`` here (``ScreenContext.open_view``)."""

    def set_read_only(self, read_only: bool) -> None:
        """Turn the screen's editing actions off or on."""

    def shortcut_help(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Sections of the keyboard-shortcuts help: (where, [(what, keys)])."""
        return []

    # --- what the shell drives ---------------------------------------------------------

    def bind(self, context: ScreenContext) -> QWidget | None:
        """A new board is open: forget the page of the previous one (returned, for
        the shell to remove)."""
        old, self._page = self._page, None
        self.context = context
        return old

    @property
    def built(self) -> QWidget | None:
        """The page if it has been built for the open board, else ``None``."""
        return self._page

    def page(self) -> QWidget | None:
        """The page, built the first time it is needed: most sessions start on the
        board, and building (and importing) every view would delay the first paint."""
        if self._page is None and self.context is not None:
            self._page = self.build(self.context)
            self._page.setObjectName(self.object_name)
            if self.place_page is not None:
                self.place_page(self, self._page)
        return self._page
