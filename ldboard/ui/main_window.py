"""The main window: menus, toolbar, filter bar, the board and the status bar."""

from __future__ import annotations

import html
import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QIcon,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ldboard import __version__
from ldboard.domain.cards import CardFilter
from ldboard.domain.rules import WipState, wip_state
from ldboard.paths import data_dir
from ldboard.resources import resource
from ldboard.store import BoardFileError, StorageError
from ldboard.store.errors import DamagedBoardError, storage_error
from ldboard.ui.banner import ReadOnlyBanner
from ldboard.ui.board_model import BoardModel
from ldboard.ui.board_view import BoardView
from ldboard.ui.filter_bar import FilterBar
from ldboard.ui.lock import BoardLockedError, acquire_board_lock
from ldboard.ui.prompts import Prompter
from ldboard.ui.session import BoardSession, Failure
from ldboard.ui.settings import AppSettings

if TYPE_CHECKING:
    from ldboard.ui.matrix import MatrixPage


def friendly_date(iso: str) -> str:
    """ "2026-12-06" -> "6 Dec" (the year only when it is not this year)."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    text = f"{day.day} {day:%b}"
    return text if day.year == date.today().year else f"{text} {day.year}"


def icon(name: str) -> QIcon:
    return QIcon(str(resource("icons", f"{name}.svg")))


def menu_text(text: str) -> str:
    """A menu entry as people read it: "&Tags && People…" -> "Tags & People"."""
    return re.sub("&(&?)", r"\1", text).rstrip("…").rstrip(".").strip()


class MainWindow(QMainWindow):
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
        self.board_view: BoardView | None = None
        self._matrix_page: MatrixPage | None = None  # built when first needed
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

    # --- actions -------------------------------------------------------------------------

    def _action(
        self,
        name: str,
        text: str,
        slot: object,
        shortcut: QKeySequence | str | list | None = None,
        *,
        tip: str = "",
        icon_name: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.triggered.connect(slot)  # type: ignore[arg-type]
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.action_new_board = self._action(
            "actionNewBoard",
            "&New Board…",
            self.new_board,
            "Ctrl+Shift+N",
            tip="Create a new, empty board file",
        )
        self.action_open = self._action(
            "actionOpen",
            "&Open Board…",
            self.open_board_dialog,
            key.Open,
            tip="Open another board file",
        )
        self.action_save_copy = self._action(
            "actionSaveCopy",
            "Save a &Copy As…",
            self.save_copy,
            "Ctrl+Shift+S",
            tip="Write a copy of this board to another file",
        )
        self.action_quit = self._action("actionQuit", "&Quit", self.close, key.Quit)
        # Undo and redo go through the session, which moves the undo stack only
        # when the board file really changed (see BoardSession.undo).
        self.action_undo = self._action(
            "actionUndo", "&Undo", self.undo, QKeySequence.keyBindings(key.Undo), icon_name="undo"
        )
        self.action_redo = self._action(
            "actionRedo", "&Redo", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], icon_name="redo"
        )
        self.action_find = self._action(
            "actionFind",
            "&Find…",
            self.focus_filter,
            key.Find,
            tip="Filter the cards by text, tag or person",
        )
        self.action_new_item = self._action(
            "actionNewItem",
            "&New Item…",
            self.new_item,
            key.New,
            tip="Add a learning initiative",
            icon_name="add",
        )
        self.action_tags_people = self._action(
            "actionTagsPeople",
            "&Tags && People…",
            self.show_vocabulary,
            "Ctrl+Shift+P",
            tip="Manage the board's tags, stakeholders, sponsors and experts",
        )
        self.action_archive_view = self._action(
            "actionShowArchive",
            "&Archived Items…",
            self.show_archive,
            "Ctrl+Shift+A",
            tip="Find and restore archived items",
            icon_name="archive",
        )
        self.action_view_board = self._action(
            "actionViewBoard",
            "&Board",
            self.show_board,
            "Ctrl+1",
            tip="The Kanban board",
        )
        self.action_view_matrix = self._action(
            "actionViewMatrix",
            "&Matrix",
            self.show_matrix,
            "Ctrl+3",
            tip="Initiatives by impact and effort",
        )
        self.view_group = QActionGroup(self)
        for action in (self.action_view_board, self.action_view_matrix):
            action.setCheckable(True)
            self.view_group.addAction(action)
        self.action_view_board.setChecked(True)
        self.action_export_png = self._action(
            "actionExportMatrixPng", "Matrix as &PNG…", lambda: self._export_matrix("png")
        )
        self.action_export_svg = self._action(
            "actionExportMatrixSvg", "Matrix as &SVG…", lambda: self._export_matrix("svg")
        )
        self.action_copy_matrix = self._action(
            "actionCopyMatrix", "&Copy Matrix Image", lambda: self._export_matrix("clipboard")
        )
        self.action_shortcuts = self._action(
            "actionShortcuts", "&Keyboard Shortcuts", self.show_shortcuts, key.HelpContents
        )
        self.action_about = self._action("actionAbout", "&About ldboard", self.show_about)

        # Card actions act on the current card; they are shortcuts of the column views
        # only, so typing in a text field never archives or moves a card by accident.
        self.card_actions = [
            self._card_action(
                "actionEditItem", "&Edit Item…", self.edit_current, ["Return", "Enter"]
            ),
            self._card_action("actionArchiveItem", "&Archive Item", self._archive, "Delete"),
            self._card_action("actionDeleteItem", "&Delete Item…", self._delete, "Shift+Delete"),
            self._card_action(
                "actionMoveLeft", "Move to &Previous Stage", lambda: self._move(-1), "Ctrl+Left"
            ),
            self._card_action(
                "actionMoveRight", "Move to &Next Stage", lambda: self._move(1), "Ctrl+Right"
            ),
            self._card_action(
                "actionMoveUp", "Move &Up (Higher Priority)", lambda: self._reorder(-1), "Ctrl+Up"
            ),
            self._card_action(
                "actionMoveDown",
                "Move Dow&n (Lower Priority)",
                lambda: self._reorder(1),
                "Ctrl+Down",
            ),
        ]

    def _card_action(self, name: str, text: str, slot: object, shortcut: str | list) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        action.setEnabled(False)
        return action

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.action_new_board, self.action_open])
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recentMenu")
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.action_save_copy)
        export_menu = file_menu.addMenu("&Export")
        export_menu.setObjectName("exportMenu")
        export_menu.addActions(
            [self.action_export_png, self.action_export_svg, self.action_copy_matrix]
        )
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.action_undo, self.action_redo])
        edit_menu.addSeparator()
        edit_menu.addAction(self.action_new_item)
        edit_menu.addAction(self.action_find)
        edit_menu.addSeparator()
        edit_menu.addAction(self.action_tags_people)

        item_menu = bar.addMenu("&Item")
        item_menu.addAction(self.action_new_item)
        item_menu.addActions(self.card_actions[:1])
        item_menu.addSeparator()
        item_menu.addActions(self.card_actions[3:])
        item_menu.addSeparator()
        item_menu.addActions(self.card_actions[1:3])

        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.action_view_board)
        view_menu.addAction(self.action_view_matrix)
        view_menu.addSeparator()
        view_menu.addAction(self.action_archive_view)

        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.action_shortcuts, self.action_about])

    def _create_toolbar(self) -> None:
        toolbar = QToolBar("Main toolbar", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.action_new_item)
        toolbar.addSeparator()
        # The buttons keep a short, fixed label ("Undo Move LD-12 to Building" is in
        # the menu and the tooltip), so the filter beside them never shifts.
        for action, label in ((self.action_undo, "Undo"), (self.action_redo, "Redo")):
            action.setIconText(label)
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.action_archive_view)
        self.addToolBar(toolbar)
        self.filter_toolbar = QToolBar("Filter", self)
        self.filter_toolbar.setObjectName("filterToolbar")
        self.filter_toolbar.setMovable(False)
        self.filter_toolbar.addWidget(self.filter_bar)
        self.addToolBar(self.filter_toolbar)
        self._filter_on_own_row = False

    def _create_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_items = QLabel(self)
        self.status_items.setObjectName("statusItems")
        self.status_iteration = QLabel(self)
        self.status_iteration.setObjectName("statusIteration")
        self.status_wip = QLabel(self)
        self.status_wip.setObjectName("statusWip")
        for label in (self.status_wip, self.status_iteration, self.status_items):
            bar.addPermanentWidget(label)

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
        old_view, old_model, old_matrix = self.board_view, self.board_model, self._matrix_page
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
        self.board_view = BoardView(self.board_model, self.prompter, self)
        self.board_view.set_card_actions(self.card_actions)
        self.board_view.current_card_changed.connect(self._update_card_actions)
        self.board_view.open_card_requested.connect(self.edit_item)
        self.board_view.status_message.connect(
            lambda text: self.statusBar().showMessage(text, 5000)
        )
        self._matrix_page = None
        self.views.insertWidget(0, self.board_view)
        self.show_board()
        for old in (old_view, old_matrix):
            if old is not None:
                self.views.removeWidget(old)
                old.deleteLater()
        if old_model is not None:
            old_model.deleteLater()
        self.filter_bar.bind(self.board_model)
        # The board model hears about each change first, so counts are current here.
        session.changed.connect(self._update_status)
        if previous is not None:
            previous.close()
        if session.path is not None:
            self.settings.add_recent_board(session.path)
        self._rebuild_recent_menu()
        self._update_status()
        self._update_card_actions(None)
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
        iteration = board.active_iteration()
        if iteration is None:
            self.status_iteration.setText("No active iteration")
        else:
            ends = f" · ends {friendly_date(iteration.end)}" if iteration.end else ""
            self.status_iteration.setText(f"{iteration.name}{ends}")
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
        title = "Could not save" if failure.kind == "storage" else "ldboard"
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

    # --- File menu -----------------------------------------------------------------------

    def open_board(self, path: Path) -> bool:
        """Open another board in this window; on failure keep the current one."""
        path = Path(path).expanduser()
        if self.session is not None and self.session.path == path.resolve():
            return True
        try:
            session = BoardSession.open(path)
            try:
                session.verified()
            except DamagedBoardError:
                session.close()
                raise
        except DamagedBoardError as error:
            from ldboard.ui.recovery import offer_recovery

            replacement = offer_recovery(error, self.prompter)
            return replacement is not None and self.open_board(replacement)
        except BoardFileError as error:
            self.prompter.warn("Cannot open board", error.message)
            return False
        self.set_session(session)
        self.statusBar().showMessage(f"Opened {path}", 5000)
        return True

    def open_board_dialog(self) -> None:
        folder = self.session.path.parent if self.session and self.session.path else data_dir()
        path = self.prompter.open_path("Open board", folder)
        if path is not None:
            self.open_board(path)

    def new_board(self) -> None:
        folder = self.session.path.parent if self.session and self.session.path else data_dir()
        path = self.prompter.save_path("New board", folder / "New board.ldboard")
        if path is None:
            return
        if path.exists():
            self.prompter.warn(
                "New board",
                f"“{path.name}” already exists. Choose another name, or open it with File → Open.",
            )
            return
        self.open_board(path)

    def save_copy(self) -> None:
        assert self.session is not None
        current = self.session.path
        suggested = (
            current.parent if current else data_dir()
        ) / f"{self.session.board.name} copy.ldboard"
        path = self.prompter.save_path("Save a copy", suggested)
        if path is None:
            return
        if current is not None and path.resolve() == current:
            self.prompter.warn("Save a copy", "Choose a different file from the open board.")
            return
        if path.exists() and not self.prompter.confirm(
            "Save a copy", f"“{path.name}” already exists. Replace it?", "Replace"
        ):
            return
        try:
            lock = acquire_board_lock(path)
        except BoardLockedError as error:
            self.prompter.warn("Save a copy", error.message)
            return
        except BoardFileError as error:
            self.prompter.warn("Save a copy", error.message)
            return
        try:
            self.session.board.backup_to(path)
        except BoardFileError as error:
            self.prompter.warn("Save a copy", error.message)
            return
        except (OSError, sqlite3.Error, StorageError) as error:
            if not isinstance(error, StorageError):
                error = storage_error(error, path, doing=f"save a copy to {path}")
            self.prompter.warn("Save a copy", error.message.replace(" Nothing was changed.", ""))
            return
        finally:
            lock.unlock()
        self.statusBar().showMessage(f"Saved a copy to {path}", 5000)

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = self.session.path if self.session else None
        boards = [p for p in self.settings.recent_boards() if p != current]
        for path in boards:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        if not boards:
            self.recent_menu.addAction("No other boards yet").setEnabled(False)
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("Clear List")
        clear.triggered.connect(self._clear_recent)
        clear.setEnabled(bool(boards))

    def _open_recent(self, path: Path) -> None:
        if not path.exists():
            self.prompter.warn("Open recent", f"“{path}” no longer exists.")
            self.settings.forget_recent_board(path)
            self._rebuild_recent_menu()
            return
        self.open_board(path)

    def _clear_recent(self) -> None:
        for path in self.settings.recent_boards():
            if self.session is None or path != self.session.path:
                self.settings.forget_recent_board(path)
        self._rebuild_recent_menu()

    # --- items ---------------------------------------------------------------------------

    def _update_card_actions(self, item_id: object) -> None:
        has_card = item_id is not None
        writable = self.session is not None and not self.session.read_only
        for action in self.card_actions:
            # Edit stays available on a read-only board: the editor then only shows.
            action.setEnabled(has_card and (writable or action.objectName() == "actionEditItem"))

    def _editing_actions(self) -> list[QAction]:
        """Actions that change the board, disabled while it is read-only."""
        return [self.action_new_item, self.action_tags_people]

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
        self._update_card_actions(self.current_card())
        self._update_title()

    def current_card(self) -> int | None:
        return self.board_view.current_card() if self.board_view else None

    def new_item(self) -> QDialog:
        """A new request starts at the board's intake (its first backlog stage),
        wherever the keyboard is; the editor's Stage field can send it elsewhere.
        To add to a chosen column, use its quick-add box or "Add Item Here…"."""
        from ldboard.ui.card_editor import CardEditor

        assert self.session is not None and self.board_view is not None
        dialog = CardEditor(
            self.session,
            None,
            column_id=self.board_view.intake_column(),
            parent=self,
            prompter=self.prompter,
        )
        dialog.accepted.connect(lambda: self._after_edit(dialog))
        dialog.open()
        return dialog

    def edit_item(self, item_id: int) -> QDialog:
        from ldboard.ui.card_editor import CardEditor

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
        if item_id is None:
            return
        if self._matrix_page is not None and self.views.currentWidget() is self._matrix_page:
            self._matrix_page.view.select_item(item_id)
        elif self.board_view is not None:
            self.board_view.select_card(item_id)

    # --- views --------------------------------------------------------------------------------

    def show_board(self) -> None:
        if self.board_view is not None:
            self.views.setCurrentWidget(self.board_view)
            self.action_view_board.setChecked(True)
            self.board_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @property
    def matrix_page(self) -> MatrixPage | None:
        """The matrix view, built the first time it is needed: most sessions start
        on the board, and building (and importing) the matrix would delay the
        first paint."""
        if self._matrix_page is None and self.board_model is not None:
            from ldboard.ui.matrix import MatrixPage

            page = MatrixPage(self.board_model, self.prompter, self)
            page.open_requested.connect(self.edit_item)
            page.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
            self.views.insertWidget(1, page)
            self._matrix_page = page
        return self._matrix_page

    def show_matrix(self) -> None:
        page = self.matrix_page
        if page is not None:
            self.views.setCurrentWidget(page)
            self.action_view_matrix.setChecked(True)

    def _export_matrix(self, kind: str) -> None:
        page = self.matrix_page
        if page is not None:
            page.export(kind)

    def _archive(self) -> None:
        if self.board_view is not None:
            self.board_view.archive_current()

    def _delete(self) -> None:
        if self.board_view is not None:
            self.board_view.delete_current()

    def _move(self, step: int) -> None:
        if self.board_view is not None:
            self.board_view.move_current_to_neighbour(step)

    def _reorder(self, step: int) -> None:
        if self.board_view is not None:
            self.board_view.move_current_within_column(step)

    def _apply_filter(self, card_filter: CardFilter) -> None:
        if self.board_model is not None:
            self.board_model.set_filter(card_filter)

    def focus_filter(self) -> None:
        self.filter_bar.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.text.selectAll()

    # --- dialogs -------------------------------------------------------------------------

    def show_archive(self) -> QDialog:
        from ldboard.ui.archive_dialog import ArchiveDialog

        assert self.session is not None
        if self._archive_dialog is None:
            self._archive_dialog = ArchiveDialog(self.session, self)
        self._archive_dialog.show()
        self._archive_dialog.raise_()
        self._archive_dialog.activateWindow()
        return self._archive_dialog

    def show_vocabulary(self) -> QDialog:
        from ldboard.ui.vocabulary_dialog import VocabularyDialog

        assert self.session is not None
        if self._vocabulary_dialog is None:
            self._vocabulary_dialog = VocabularyDialog(self.session, self)
        self._vocabulary_dialog.show()
        self._vocabulary_dialog.raise_()
        return self._vocabulary_dialog

    def shortcut_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Every keyboard shortcut, by where it works: (section, [(what, keys)])."""
        native = QKeySequence.SequenceFormat.NativeText
        fixed = {self.action_undo: "Undo", self.action_redo: "Redo"}  # their text varies
        window: list[tuple[str, str]] = []
        cards: list[tuple[str, str]] = []
        for rows, actions in ((window, self.actions()), (cards, self.card_actions)):
            for action in actions:
                keys = ", ".join(s.toString(native) for s in action.shortcuts())
                if keys:
                    rows.append((fixed.get(action) or menu_text(action.text()), keys))
        cards += [
            ("Open the card menu (edit, move to stage, archive, delete)", "Menu, Shift+F10"),
            ("Move between cards", "Up, Down"),
            ("Move to the neighbouring column", "Left, Right"),
        ]
        matrix = [
            ("Select the nearest initiative", "Up, Down, Left, Right"),
            ("Raise or lower the impact", "Shift+Up, Shift+Down"),
            ("Raise or lower the effort", "Shift+Right, Shift+Left"),
            ("Open the selected initiative", "Return"),
            ("Clear the selection", "Esc"),
        ]
        filtering = [("Clear the filter", "Esc (in the filter box)")]
        return [
            ("Everywhere", window),
            ("On the board (a card selected)", cards),
            ("On the matrix", matrix),
            ("Filter", filtering),
        ]

    def shortcut_rows(self) -> list[tuple[str, str]]:
        return [row for _section, rows in self.shortcut_sections() for row in rows]

    def show_shortcuts(self) -> QMessageBox:
        parts = []
        for section, rows in self.shortcut_sections():
            heading = f"<b>{html.escape(section)}</b>"
            parts.append(f"<tr><td colspan='2' style='padding-top:8px'>{heading}</td></tr>")
            parts += [
                f"<tr><td style='white-space:nowrap'>{html.escape(name)}</td>"
                f"<td style='padding-left:16px; white-space:nowrap'><b>{html.escape(keys)}</b>"
                "</td></tr>"
                for name, keys in rows
            ]
        box = QMessageBox(self)
        box.setObjectName("shortcutsBox")
        box.setWindowTitle("Keyboard shortcuts")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(f"<table>{''.join(parts)}</table>")
        box.open()
        return box

    def show_about(self) -> None:
        path = self.session.path if self.session else None
        QMessageBox.about(
            self,
            "About ldboard",
            f"<h3>ldboard {__version__}</h3>"
            "<p>Plan learning initiatives like a product team: a Kanban board, "
            "hypotheses, iterations and retrospectives in one SQLite file.</p>"
            f"<p>Board file: <code>{path or 'in memory'}</code></p>",
        )

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
