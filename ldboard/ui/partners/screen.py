"""View → People as a screen of the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ldboard.ui.screen import Screen, ScreenContext


class PeopleScreen(Screen):
    object_name = "peopleView"
    title = "&People"
    action_name = "actionViewPeople"
    shortcut = "Ctrl+7"
    tip = "Partners, the stakeholder map and the thanks log"

    def build(self, context: ScreenContext) -> QWidget:
        # Imported here: the view is built the first time it is shown, and
        # importing it would otherwise delay the board's first paint.
        from ldboard.ui.partners.page import PeoplePage

        page = PeoplePage(context, context.window)
        page.open_requested.connect(context.open_item)
        page.status_message.connect(context.show_message)
        return page

    def set_read_only(self, read_only: bool) -> None:
        page = self.built
        if page is not None:
            page.set_read_only(read_only)  # type: ignore[attr-defined]

    def shortcut_help(self) -> list[tuple[str, list[tuple[str, str]]]]:
        return [
            (
                "On the stakeholder map",
                [
                    ("Select the nearest person", "Up, Down, Left, Right"),
                    ("Raise or lower the influence", "Shift+Up, Shift+Down"),
                    ("Raise or lower the involvement", "Shift+Right, Shift+Left"),
                    ("Show the selected person in the directory", "Return"),
                ],
            ),
            (
                "In the people directory",
                [
                    ("Add a person", "Alt+W"),
                    ("Remove the selected person", "Delete, Alt+R"),
                ],
            ),
            ("In the thanks list", [("Remove the selected thanks", "Delete")]),
        ]
