"""The impact/effort matrix as a screen of the main window, with its exports."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ldboard.ui.screen import MenuEntry, Screen, ScreenContext


class MatrixScreen(Screen):
    object_name = "matrixPage"
    title = "&Matrix"
    action_name = "actionViewMatrix"
    shortcut = "Ctrl+3"
    tip = "Initiatives by impact and effort"

    def build(self, context: ScreenContext) -> QWidget:
        # Imported here: the matrix is built the first time it is shown, and
        # importing it would otherwise delay the board's first paint.
        from ldboard.ui.matrix.page import MatrixPage

        page = MatrixPage(context, context.window)
        page.open_requested.connect(context.open_item)
        page.status_message.connect(context.show_message)
        return page

    def create_actions(self) -> list[MenuEntry]:
        entries: list[MenuEntry] = []
        for name, text, kind in (
            ("actionExportMatrixPng", "Matrix as &PNG…", "png"),
            ("actionExportMatrixSvg", "Matrix as &SVG…", "svg"),
            ("actionCopyMatrix", "&Copy Matrix Image", "clipboard"),
        ):
            action = QAction(text, self.window)
            action.setObjectName(name)
            action.triggered.connect(lambda _=False, kind=kind: self.export(kind))
            entries.append(("&File/&Export", action))
        return entries

    def export(self, kind: str) -> object:
        page = self.page()
        return page.export(kind) if page is not None else None  # type: ignore[attr-defined]

    def shortcut_help(self) -> list[tuple[str, list[tuple[str, str]]]]:
        return [
            (
                "On the matrix",
                [
                    ("Select the nearest initiative", "Up, Down, Left, Right"),
                    ("Raise or lower the impact", "Shift+Up, Shift+Down"),
                    ("Raise or lower the effort", "Shift+Right, Shift+Left"),
                    ("Open the selected initiative", "Return"),
                    ("Clear the selection", "Esc"),
                ],
            )
        ]

    def select_item(self, item_id: int) -> None:
        page = self.built
        if page is not None:
            page.view.select_item(item_id)  # type: ignore[attr-defined]
