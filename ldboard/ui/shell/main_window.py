"""The main window: the open board's screens, the filter bar and the status bar.

The views themselves are screens (``registry.SCREENS``) that plug in through
``ldboard.ui.screen.Screen``. The window's own actions, menus and toolbars are
built in ``window_actions.py``, the File menu's work is in ``window_files.py``
and the Help menu's in ``window_help.py``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.cards import CardFilter
from ldboard.domain.rules import WipState, wip_state
from ldboard.ui.board.board_view import BoardView
from ldboard.ui.board.screen import BoardScreen
from ldboard.ui.cards.board_model import BoardModel
from ldboard.ui.common.iteration_text import iteration_status
from ldboard.ui.common.prompts import Prompter
from ldboard.ui.common.session import BoardSession, Failure
from ldboard.ui.screen import Screen, ScreenContext
from ldboard.ui.shell.banner import ReadOnlyBanner
from ldboard.ui.shell.filter_bar import FilterBar
from ldboard.ui.shell.registry import SCREENS
from ldboard.ui.shell.settings import AppSettings
from ldboard.ui.shell.window_actions import WindowActions
from ldboard.ui.shell.window_checks import WindowChecks
from ldboard.ui.shell.window_files import BoardFiles
from ldboard.ui.shell.window_help import WindowHelp
from ldboard.ui.shell.window_intake import WindowIntake
from ldboard.ui.shell.window_restore import BoardRestore


class MainWindow(
    WindowActions, BoardFiles, BoardRestore, WindowHelp, WindowIntake, WindowChecks, QMainWindow
):
    """The window around one open board; its menus, files and help live in
    ``window_actions``, ``window_files`` and ``window_help``."""

    def __init__(
        self,
        session: BoardSession,
        *,
        settings: AppSettings | None = None,
        prompter: Prompter | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setAccessibleName("ldboard")
        self.settings = settings or AppSettings()
        self.prompter = prompter or Prompter(self)
        self.session: BoardSession | None = None
        self.board_model: BoardModel | None = None
        self.screens: list[Screen] = [screen(self) for screen in SCREENS]
        self.board_screen = next(s for s in self.screens if isinstance(s, BoardScreen))
        for screen in self.screens:
            screen.place_page = self._place_page
        self._archive_dialog: QDialog | None = None
        self._vocabulary_dialog: QDialog | None = None

        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.read_only_banner = ReadOnlyBanner(central)
        self.read_only_banner.save_copy_requested.connect(self.save_copy)
        self.views = QStackedWidget(central)
        self.views.setObjectName("viewStack")
        column.addWidget(self.read_only_banner)
        column.addWidget(self.views, 1)
        self.setCentralWidget(central)
        self.filter_bar = FilterBar(self)
        self.filter_bar.filter_changed.connect(self._apply_filter)
        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()
        self.set_session(session)
        self.resize(1440, 860)
        geometry, state = self.settings.window_geometry(), self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    # --- the open board ------------------------------------------------------------------

    def set_session(self, session: BoardSession) -> None:
        """Show ``session``'s board in this window, closing the previous one."""
        previous = self.session
        if previous is not None:
            previous.failed.disconnect(self._report_failure)
            previous.read_only_changed.disconnect(self._update_read_only)
            stack = previous.undo_stack
            stack.canUndoChanged.disconnect(self._update_undo_actions)
            stack.canRedoChanged.disconnect(self._update_undo_actions)
            stack.undoTextChanged.disconnect(self._update_undo_actions)
            stack.redoTextChanged.disconnect(self._update_undo_actions)
        for dialog in (self._archive_dialog, self._vocabulary_dialog):
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()
        self._archive_dialog = self._vocabulary_dialog = None
        old_model = self.board_model
        self.session = session
        session.failed.connect(self._report_failure)
        session.read_only_changed.connect(self._update_read_only)
        stack = session.undo_stack
        stack.canUndoChanged.connect(self._update_undo_actions)
        stack.canRedoChanged.connect(self._update_undo_actions)
        stack.undoTextChanged.connect(self._update_undo_actions)
        stack.redoTextChanged.connect(self._update_undo_actions)
        self._update_undo_actions()
        self.board_model = BoardModel(session, self)
        context = ScreenContext(
            session=session,
            cards=self.board_model,
            prompter=self.prompter,
            open_item=self.edit_item,
            new_item=self._new_item_in,
            show_message=lambda text: self.statusBar().showMessage(text, 5000),
            open_view=self.open_view,
            window=self,
        )
        for screen in self.screens:
            old = screen.bind(context)
            if old is not None:
                self.views.removeWidget(old)
                old.deleteLater()
        self.show_screen(self.board_screen)
        if old_model is not None:
            old_model.deleteLater()
        self.filter_bar.bind(self.board_model)
        # The board model hears about each change first, so counts are current here.
        session.changed.connect(self._update_status)
        session.changed.connect(self._update_export_action)
        if previous is not None:
            previous.close()
        if session.path is not None:
            self.settings.add_recent_board(session.path)
        self._rebuild_recent_menu()
        self._update_status()
        self._update_export_action()
        self._update_read_only()

    def _update_title(self) -> None:
        assert self.session is not None
        name = self.session.board.name
        marker = " [read-only]" if self.session.read_only else ""
        self.setWindowTitle(f"{name}{marker} — ldboard")
        self.setWindowFilePath(str(self.session.path or ""))

    def _update_status(self, *_args: object) -> None:
        if self.session is None or self.board_model is None:
            return
        board = self.session.board
        archived = board.item_count(archived=True)
        text = f"{self.board_model.total_count()} items"
        if archived:
            text += f" · {archived} archived"
        self.status_items.setText(text)
        text, tip = iteration_status(board.active_iteration(), board.today())
        self.status_iteration.setText(text)
        self.status_iteration.setToolTip(tip)
        over = []
        for column in self.board_model.columns:
            count = self.board_model.column_model(column.id).total_count()
            if wip_state(count, column.wip_limit) == WipState.OVER:
                over.append(f"{column.name} {count}/{column.wip_limit}")
        self.status_wip.setText("Over WIP limit: " + ", ".join(over) if over else "")
        self.status_wip.setVisible(bool(over))
        self._update_title()

    def _report_failure(self, failure: Failure) -> None:
        self.statusBar().showMessage(failure.message, 8000)
        titles = {"storage": "Could not save", "backup": "Could not back up the board"}
        title = titles.get(failure.kind, "ldboard")
        self.prompter.warn(title, failure.message)

    # --- undo and redo -------------------------------------------------------------------

    def undo(self) -> None:
        if self.session is not None:
            self.session.undo()

    def redo(self) -> None:
        if self.session is not None:
            self.session.redo()

    def _update_undo_actions(self, *_args: object) -> None:
        writable = self.session is not None and not self.session.read_only
        stack = self.session.undo_stack if writable and self.session is not None else None
        for action, verb, can, text in (
            (self.action_undo, "Undo", stack and stack.canUndo(), stack and stack.undoText()),
            (self.action_redo, "Redo", stack and stack.canRedo(), stack and stack.redoText()),
        ):
            action.setEnabled(bool(can))
            label = f"{verb} {text}" if can and text else verb
            action.setText(f"&{label}")
            action.setToolTip(label)
            action.setStatusTip(label)

    # --- items ---------------------------------------------------------------------------

    def _editing_actions(self) -> list[QAction]:
        """Actions that change the board, disabled while it is read-only."""
        return [
            self.action_new_item,
            self.action_new_request,
            self.action_tags_people,
            self.action_import_spreadsheet,
            self.action_import_trello,
            self.action_import_results,
        ]

    def _update_read_only(self, *_args: object) -> None:
        """Show or hide the read-only banner and (dis)able every editing action."""
        assert self.session is not None
        read_only = self.session.read_only
        if read_only:
            self.read_only_banner.show_reason(self.session.board.read_only_reason)
        else:
            self.read_only_banner.hide()
        for action in self._editing_actions():
            action.setEnabled(not read_only)
        self._update_undo_actions()
        for screen in self.screens:
            screen.set_read_only(read_only)
        self._update_title()

    @property
    def board_view(self) -> BoardView | None:
        """The board (the screen every window starts on)."""
        return self.board_screen.view()

    def current_card(self) -> int | None:
        return self.board_screen.current_card()

    def new_item(self) -> QDialog:
        """A new request starts at the board's intake (its first backlog stage),
        wherever the keyboard is; the editor's Stage field can send it elsewhere.
        To add to a chosen column, use its quick-add box or "Add Item Here…"."""
        return self._new_item_in(None)

    def _new_item_in(self, column_id: int | None) -> QDialog:
        from ldboard.ui.editor import CardEditor

        assert self.session is not None and self.board_view is not None
        dialog = CardEditor(
            self.session,
            None,
            column_id=column_id if column_id is not None else self.board_view.intake_column(),
            parent=self,
            prompter=self.prompter,
        )
        dialog.accepted.connect(lambda: self._after_edit(dialog))
        dialog.open()
        return dialog

    def edit_item(self, item_id: int) -> QDialog:
        from ldboard.ui.editor import CardEditor

        assert self.session is not None
        dialog = CardEditor(self.session, item_id, parent=self, prompter=self.prompter)
        dialog.accepted.connect(lambda: self._after_edit(dialog))
        dialog.open()
        return dialog

    def edit_current(self) -> None:
        item_id = self.current_card()
        if item_id is not None:
            self.edit_item(item_id)

    def _after_edit(self, dialog: QDialog) -> None:
        item_id = getattr(dialog, "item_id", None)
        if item_id is not None:
            self.current_screen().select_item(item_id)

    # --- screens ------------------------------------------------------------------------

    def screen(self, object_name: str) -> Screen:
        for screen in self.screens:
            if screen.object_name == object_name:
                return screen
        raise LookupError(f"no screen is registered as “{object_name}” (see shell/registry.py)")

    def current_screen(self) -> Screen:
        page = self.views.currentWidget()
        return next(
            (s for s in self.screens if page is not None and s.built is page), self.board_screen
        )

    def show_screen(self, screen: Screen) -> None:
        page = screen.page()
        if page is None:
            return
        self.views.setCurrentWidget(page)
        if screen.view_action is not None:
            screen.view_action.setChecked(True)
        screen.shown()

    def open_view(self, object_name: str, subject: object = None) -> None:
        """A screen asked to show another one, and something in it."""
        screen = self.screen(object_name)
        self.show_screen(screen)
        if subject is not None:
            screen.reveal(subject)

    def _place_page(self, screen: Screen, page: QWidget) -> None:
        """A page was just built: it joins the view stack in the registry's order."""
        built = [s.built for s in self.screens[: self.screens.index(screen)]]
        self.views.insertWidget(sum(1 for p in built if p is not None), page)

    def show_board(self) -> None:
        self.show_screen(self.board_screen)

    def show_matrix(self) -> None:
        self.show_screen(self.screen("matrixPage"))

    @property
    def matrix_page(self) -> QWidget | None:
        """The matrix view (built the first time it is asked for)."""
        return self.screen("matrixPage").page()

    def _apply_filter(self, card_filter: CardFilter) -> None:
        if self.board_model is not None:
            self.board_model.set_filter(card_filter)

    def focus_filter(self) -> None:
        self.filter_bar.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.text.selectAll()

    # --- dialogs -------------------------------------------------------------------------

    def show_archive(self) -> QDialog:
        from ldboard.ui.archive.dialog import ArchiveDialog

        assert self.session is not None
        if self._archive_dialog is None:
            self._archive_dialog = ArchiveDialog(self.session, self)
        self._archive_dialog.show()
        self._archive_dialog.raise_()
        self._archive_dialog.activateWindow()
        return self._archive_dialog

    def show_vocabulary(self) -> QDialog:
        from ldboard.ui.people import VocabularyDialog

        assert self.session is not None
        if self._vocabulary_dialog is None:
            self._vocabulary_dialog = VocabularyDialog(self.session, self)
        self._vocabulary_dialog.show()
        self._vocabulary_dialog.raise_()
        return self._vocabulary_dialog

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_filter_bar()

    def _place_filter_bar(self) -> None:
        """On a narrow window the filter bar gets a row of its own, so it is never
        folded away into the toolbar's overflow menu."""
        needed = self.menuBar().sizeHint().width() // 2 + self.filter_bar.minimumSizeHint().width()
        narrow = self.width() < needed + 520
        if narrow == self._filter_on_own_row:
            return
        if narrow:
            self.insertToolBarBreak(self.filter_toolbar)
        else:
            self.removeToolBarBreak(self.filter_toolbar)
        self._filter_on_own_row = narrow

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.board_view is not None and not self.board_view.focus_first_card():
            self.board_view.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- closing -------------------------------------------------------------------------

    def discard(self) -> None:
        """Give up a window that was never shown (its board turned out damaged)."""
        if self.session is not None:
            if self.session.path is not None:
                self.settings.forget_recent_board(self.session.path)
            self.session.close()
            self.session = None
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)  # the board they edit is closing
        self.settings.save_window(self.saveGeometry(), self.saveState())
        if self.session is not None:
            self.session.close()
            self.session = None
        super().closeEvent(event)
