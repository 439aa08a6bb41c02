"""The Charts view as a screen of the main window, with its exports."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ldboard.ui.screen import MenuEntry, Screen, ScreenContext


class ChartsScreen(Screen):
    object_name = "chartsView"
    title = "C&harts"
    action_name = "actionViewCharts"
    shortcut = "Ctrl+6"
    tip = "Is work flowing? Cumulative flow, burn-up, throughput, cycle time, age"

    def build(self, context: ScreenContext) -> QWidget:
        # Imported here: QtCharts and the flow metrics load only when the charts
        # are first shown, not while the board opens.
        from ldboard.ui.charts.page import ChartsPage

        page = ChartsPage(context, context.window)
        page.open_requested.connect(context.open_item)
        page.status_message.connect(context.show_message)
        return page

    def create_actions(self) -> list[MenuEntry]:
        entries: list[MenuEntry] = [("&File/&Export", None)]
        for name, text, kind in (
            ("actionExportChartPng", "Chart as P&NG…", "png"),
            ("actionExportChartSvg", "Chart as S&VG…", "svg"),
            ("actionCopyChart", "Copy C&hart Image", "clip"),
        ):
            action = QAction(text, self.window)
            action.setObjectName(name)
            action.setToolTip("The chart shown on the Charts view")
            action.triggered.connect(lambda _=False, kind=kind: self.export(kind))
            entries.append(("&File/&Export", action))
        return entries

    def export(self, kind: str) -> object:
        """Export the chart the Charts view shows (showing the view first, so the
        person sees what they export)."""
        page = self.page()
        if page is None or self.context is None:
            return None
        if not page.isVisible():
            self.context.open_view(self.object_name, None)
        return page.export(kind)  # type: ignore[attr-defined]

    def shortcut_help(self) -> list[tuple[str, list[tuple[str, str]]]]:
        return [
            (
                "On the charts",
                [
                    ("Show the Charts view", "Ctrl+6"),
                    ("Next or previous chart", "Ctrl+PgDown, Ctrl+PgUp, Ctrl+Tab"),
                    ("Choose a chart with the arrow keys", "Left, Right (on the tabs)"),
                    ("Pick the first or last day", "Alt+M, Alt+O"),
                    ("Pick the burn-up's iteration", "Alt+U"),
                    ("Throughput per iteration or per week", "Alt+P"),
                    ("Count items or effort points", "Alt+N"),
                    ("Open a dot's item", "Click the dot"),
                ],
            )
        ]
