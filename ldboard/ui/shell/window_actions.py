"""The main window's actions, menus, toolbars and status bar.

Built once when the window is made; each action calls a method of the window
(or of one of its views), so what an action does is read where it is done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QMenuBar, QToolBar

from ldboard.resources import resource

if TYPE_CHECKING:
    from ldboard.ui.screen import MenuEntry, Screen
    from ldboard.ui.shell.filter_bar import FilterBar


def icon(name: str) -> QIcon:
    return QIcon(str(resource("icons", f"{name}.svg")))


class WindowActions:
    """Mixed into ``MainWindow`` (a ``QMainWindow``): its actions and chrome."""

    filter_bar: FilterBar
    screens: list[Screen]
    screen_entries: list[MenuEntry]

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
        self.action_export_iteration = self._action(
            "actionExportIteration",
            "Export &Iteration Summary…",
            self.export_iteration_summary,
            "Ctrl+Shift+E",
            tip="Write an iteration's summary for sponsors: Markdown, HTML, PDF, CSV or JSON",
        )
        self.action_restore_backup = self._action(
            "actionRestoreBackup",
            "Restore from &Backup…",
            lambda: self.restore_from_backup(),
            tip="Bring back this board as it was in one of the copies ldboard keeps of it",
        )
        self.action_backup_settings = self._action(
            "actionBackupSettings",
            "Backup Se&ttings…",
            lambda: self.backup_settings(),
            tip="Choose how long the copies ldboard keeps of your boards are kept",
        )
        self.action_import_spreadsheet = self._action(
            "actionImportSpreadsheet",
            "&Spreadsheet (CSV)…",
            lambda: self.import_spreadsheet(),
            tip="Add the rows of a spreadsheet saved as CSV to this board as cards",
        )
        self.action_import_trello = self._action(
            "actionImportTrello",
            "&Trello Board…",
            lambda: self.import_trello(),
            tip="Add the lists and cards of a Trello board's JSON export to this board",
        )
        self.action_import_results = self._action(
            "actionImportResults",
            "&Results…",
            lambda: self.import_results(),
            tip="Record the results a learning platform or survey exported as CSV "
            "as measurements of this board's items",
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
        self.action_new_request = self._action(
            "actionNewRequest",
            "New &Request…",
            lambda: self.new_request(),
            "Ctrl+R",
            tip="Take a request through the intake conversation: is training the answer?",
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
        self.action_due_checks = self._action(
            "actionDueChecks",
            "Due C&hecks…",
            lambda: self.show_due_checks(),
            tip="Evaluation checks due by today, most overdue first",
        )
        self.view_group = QActionGroup(self)
        for screen in self.screens:
            action = self._action(
                screen.action_name,
                screen.title,
                lambda _=False, screen=screen: self.show_screen(screen),
                screen.shortcut,
                tip=screen.tip,
            )
            action.setCheckable(True)
            self.view_group.addAction(action)
            screen.view_action = action
        self.view_group.actions()[0].setChecked(True)
        self.screen_entries = [
            entry for screen in self.screens for entry in screen.create_actions()
        ]
        for _menu, action in self.screen_entries:
            if action is not None:
                self.addAction(action)
        self.action_shortcuts = self._action(
            "actionShortcuts", "&Keyboard Shortcuts", self.show_shortcuts, key.HelpContents
        )
        self.action_about = self._action("actionAbout", "&About ldboard", self.show_about)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.action_new_board, self.action_open])
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recentMenu")
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.action_save_copy)
        file_menu.addAction(self.action_restore_backup)
        file_menu.addAction(self.action_backup_settings)
        file_menu.addAction(self.action_export_iteration)
        import_menu = file_menu.addMenu("&Import")
        import_menu.setObjectName("importMenu")
        import_menu.addActions(
            [self.action_import_spreadsheet, self.action_import_trello, self.action_import_results]
        )
        export_menu = file_menu.addMenu("&Export")
        export_menu.setObjectName("exportMenu")
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
        item_menu.setObjectName("itemMenu")
        item_menu.addAction(self.action_new_item)
        item_menu.addAction(self.action_new_request)

        view_menu = bar.addMenu("&View")
        view_menu.setObjectName("viewMenu")
        view_menu.addActions(self.view_group.actions())
        view_menu.addSeparator()
        view_menu.addAction(self.action_archive_view)
        view_menu.addAction(self.action_due_checks)

        self._add_screen_entries(bar)
        help_menu = bar.addMenu("&Help")
        help_menu.setObjectName("helpMenu")
        help_menu.addActions([self.action_shortcuts, self.action_about])

    def _add_screen_entries(self, bar: QMenuBar) -> None:
        """Put each screen's actions in the menu (and submenu) it names, making a
        menu that does not exist yet. A screen's first entry in a menu the window
        already filled starts after a separator."""
        menus = {menu.title(): menu for menu in bar.findChildren(QMenu) if menu.parent() is bar}
        started: set[str] = set()
        for path, action in self.screen_entries:
            top, _, sub = path.partition("/")
            menu = menus.get(top)
            if menu is None:
                menu = menus[top] = bar.addMenu(top)
                menu.setObjectName(top.replace("&", "").lower() + "Menu")
                started.add(top)
            if sub:
                found = [m for m in menu.findChildren(QMenu) if m.title() == sub]
                menu = found[0] if found else menu.addMenu(sub)
            elif top not in started:
                menu.addSeparator()
                started.add(top)
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)

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
