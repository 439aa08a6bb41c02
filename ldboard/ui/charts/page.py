"""The Charts page: five flow charts in tabs, the pickers above them.

Why tabs and not a grid: at 1280 × 800 the page has about 1,250 × 600 pixels.
Five charts in a grid would get about 400 × 290 each, too small for dated
axes, a legend of seven stages and readable dots to hover and click. A tab
gives each chart the whole page, which is also what a sponsor sees when the
chart is exported to a slide; Ctrl+PgUp/PgDown step through them.

Every chart is drawn from one read of the board's history
(``Board.flow_history()``), taken when the page is shown after something
changed; the pickers and the other tabs then draw from that same read until
the board changes again. Only the chart in sight is drawn at once, the others
when their tab is chosen: building a chart costs about as much as computing
its metric, and most visits look at one or two. The shared filter bar narrows
every chart to the items it shows. The page never reads the board while
hidden: a change only marks it out of date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCharts import QChart
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QApplication, QTabWidget, QToolBar, QVBoxLayout, QWidget

from ldboard.domain import flow
from ldboard.domain.enums import ColumnCategory
from ldboard.paths import data_dir
from ldboard.ui.charts import aging, burnup, cfd, cycle, throughput
from ldboard.ui.charts.empty_state import ChartPane
from ldboard.ui.charts.export import chart_image, file_stem, png_bytes, svg_bytes
from ldboard.ui.charts.pickers import ChartPickers
from ldboard.ui.charts.points import ItemSeries
from ldboard.ui.common import theme
from ldboard.ui.common.save_file import ExportError, write_file
from ldboard.ui.screen import ScreenContext

#: (key, tab title, objectName, name in files and messages, caption)
CHARTS = (
    ("cfd", "Cumulative flow", "chartsCumulativeFlow", "cumulative flow", cfd.CAPTION),
    ("burnup", "Burn-up", "chartsBurnUp", "burn-up", burnup.CAPTION),
    ("throughput", "Throughput", "chartsThroughput", "throughput", throughput.CAPTION),
    ("cycle", "Cycle time", "chartsCycleTime", "cycle time", cycle.CAPTION),
    ("age", "Work-item age", "chartsWorkItemAge", "work-item age", aging.CAPTION),
)

TOO_SHORT = (
    "Charts appear once the board has a history of at least two days.\n\n"
    "Move items between stages as the work moves, and the flow shows here from then on."
)


def day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def history_bounds(history: flow.FlowHistory) -> tuple[date, date] | None:
    """(first day with an event, last day with one), or ``None`` for no history."""
    firsts = [story.steps[0].day for story in history.stories.values() if story.steps]
    if not firsts:
        return None
    last = max(story.steps[-1].day for story in history.stories.values() if story.steps)
    return date.fromordinal(min(firsts)), date.fromordinal(last)


class ChartsPage(QWidget):
    open_requested = Signal(int)
    status_message = Signal(str)

    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartsView")
        self.board_model = board_model = context.cards
        self.session = context.session
        self.prompter = context.prompter
        #: The board changed since the history was read / the filter since it applied.
        self._dirty = True
        self._refilter = False
        #: The history the charts are drawn from (``None`` until first shown or
        #: after the board changed: it is read again when next drawn).
        self.history: flow.FlowHistory | None = None
        self._item_ids: list[int] | None = None
        self._bounds: tuple[date, date] | None = None
        #: Charts to draw again when their tab is next shown.
        self._stale: set[str] = set()

        self.pickers = ChartPickers(self)
        self.toolbar = self._build_toolbar()
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("chartsTabs")
        self.tabs.setDocumentMode(True)
        self.panes: dict[str, ChartPane] = {}
        for key, title, name, file_name, caption in CHARTS:
            pane = ChartPane(file_name, caption, self.tabs)
            pane.setObjectName(name)
            pane.view.setObjectName(f"{name}View")
            pane.item_clicked.connect(self.open_requested)
            pane.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            pane.view.addActions(self.export_actions)
            self.panes[key] = pane
            self.tabs.addTab(pane, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tabs, 1)

        # Several signals arrive for one change (cards and columns, say): one redraw.
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(0)
        self._redraw.timeout.connect(self._catch_up)
        self.pickers.range_changed.connect(self._range_changed)
        self.pickers.iteration_changed.connect(lambda: self._redo("burnup"))
        self.pickers.counting_changed.connect(self._counting_changed)
        self.tabs.currentChanged.connect(self._tab_changed)
        # Ctrl+Tab comes with QTabWidget (when focus is inside it); the page keys
        # work from anywhere on the page, the pickers included.
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.step_chart(step))
        board_model.filter_changed.connect(self._filter_changed)
        for signal in (
            board_model.reloaded,
            board_model.columns_changed,
            board_model.cards_changed,
            board_model.cards_updated,
            board_model.iterations_changed,
        ):
            signal.connect(self.invalidate)
        self._tab_changed(0)

    def _build_toolbar(self) -> QToolBar:
        toolbar = QToolBar("Charts", self)
        toolbar.setObjectName("chartsToolbar")
        toolbar.addWidget(self.pickers)
        toolbar.addSeparator()
        self.export_actions: list[QAction] = []
        for name, text, tip, kind in (
            ("chartsExportPng", "Export PNG…", "Save this chart as a PNG picture", "png"),
            ("chartsExportSvg", "Export SVG…", "Save this chart as an SVG drawing", "svg"),
            ("chartsCopyImage", "Copy Image", "Copy this chart to paste into a slide", "clip"),
        ):
            action = QAction(text, self)
            action.setObjectName(name)
            action.setToolTip(tip)
            action.triggered.connect(lambda _=False, kind=kind: self.export(kind))
            toolbar.addAction(action)
            self.export_actions.append(action)
        return toolbar

    # --- following the board -----------------------------------------------------------

    def invalidate(self, *_args: object) -> None:
        """Redraw soon if the page is on screen, otherwise when it is next shown."""
        self._dirty = True
        self.history = None
        if self.isVisible():
            self._redraw.start()

    def _filter_changed(self) -> None:
        """The filter bar changed: the history stays, only the items shown change."""
        self._refilter = True
        if self.isVisible():
            self._redraw.start()

    def _catch_up(self) -> None:
        if self._dirty:
            self.rebuild()
        elif self._refilter:
            self._refilter = False
            self._item_ids = self.visible_ids()
            self._redo(*(key for key, *_rest in CHARTS))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._catch_up()
        self.tabs.tabBar().setFocus(Qt.FocusReason.OtherFocusReason)

    def visible_ids(self) -> list[int] | None:
        """The ids the shared filter bar shows, or ``None`` when it shows everything
        (the metrics then include archived and deleted items' history too)."""
        card_filter = self.board_model.card_filter
        if not card_filter.active:
            return None
        accepts = card_filter.matcher()
        return [card.id for card in self.board_model.all_cards() if accepts(card)]

    def rebuild(self) -> None:
        """Read the history again and draw the chart in sight (the others when
        their tab is chosen)."""
        self._dirty = self._refilter = False
        self._redraw.stop()
        history = self.history = self.session.board.flow_history()
        self._item_ids = self.visible_ids()
        bounds = self._bounds = history_bounds(history)
        today = history.today()
        self.pickers.sync(
            (min(bounds[0], today), today) if bounds else None, history.iterations, today
        )
        self._redo(*(key for key, *_rest in CHARTS))
        self._tab_changed(self.tabs.currentIndex())

    # --- drawing ---------------------------------------------------------------------------

    def _redo(self, *keys: str) -> None:
        """These charts are out of date: draw the shown one now, the others when
        their tab is chosen (from the same history, unless the board changes)."""
        self._stale.update(keys)
        key = CHARTS[self.tabs.currentIndex()][0]
        if key in self._stale:
            self._draw(key)

    def _draw(self, key: str) -> None:
        self._stale.discard(key)
        history = self.history
        if history is None:
            return  # out of date: drawn again when shown
        pane = self.panes[key]
        bounds = self._bounds
        if bounds is None or bounds[0] >= bounds[1]:
            pane.set_empty(TOO_SHORT)
        else:
            self._drawers[key](history, pane)
        self._update_export()

    def _update_export(self) -> None:
        """Export only what is there: an empty state is not a picture for a slide."""
        drawn = not self.current_pane().is_empty
        for action in self.export_actions:
            action.setEnabled(drawn)

    @property
    def _drawers(self) -> dict[str, Callable[[flow.FlowHistory, ChartPane], None]]:
        return {
            "cfd": self._draw_cfd,
            "burnup": self._draw_burnup,
            "throughput": self._draw_throughput,
            "cycle": self._draw_cycle,
            "age": self._draw_age,
        }

    def _title(self, name: str, first: date | None = None, last: date | None = None) -> str:
        parts = [name]
        if first is not None and last is not None:
            parts.append(f"{day_text(first)} – {day_text(last)}")
        if self._item_ids is not None:
            parts.append(f"filtered: {len(self._item_ids)} items")
        return " · ".join(parts)

    def _filtered_note(self) -> str:
        return " among the items the filter shows" if self._item_ids is not None else ""

    def stage_colours(self, history: flow.FlowHistory) -> dict[int, QColor]:
        """The board's column colours by stage id; removed stages continue the cycle."""
        colours = {c.id: theme.stage_color(n) for n, c in enumerate(self.board_model.columns)}
        for stage in sorted(history.stages.values(), key=lambda s: (s.position, s.id)):
            if stage.id not in colours:
                colours[stage.id] = theme.stage_color(len(colours))
        return colours

    def _draw_cfd(self, history: flow.FlowHistory, pane: ChartPane) -> None:
        first, last = self.pickers.date_range()
        result = flow.cumulative_flow(history, first, last, self._item_ids)
        if result.empty:
            pane.set_empty(
                f"Nothing was on the board between {day_text(first)} and {day_text(last)}"
                f"{self._filtered_note()}.\n\nChoose a wider range above."
            )
            return
        colours = self.stage_colours(history)
        pane.set_chart(cfd.cfd_chart(result, colours, self._title("Cumulative flow", first, last)))

    def _draw_burnup(self, history: flow.FlowHistory, pane: ChartPane) -> None:
        chosen = self.pickers.iteration_id()
        iteration = next((i for i in history.iterations if i.id == chosen), None)
        if iteration is None:
            pane.set_empty(
                "No iteration has started yet.\n\nPlan work into an iteration and start it "
                "on the Iterations screen (Ctrl+4): its burn-up appears here."
            )
            return
        result = flow.burn_up(history, iteration.id, self._item_ids)
        if result.empty or not any(result.scope_items):
            pane.set_empty(
                f"Nothing was planned into “{iteration.name}”{self._filtered_note()}.\n\n"
                "Its burn-up appears once it has work in it."
            )
            return
        effort = self.pickers.effort()
        title = self._title(f"Burn-up of {iteration.name}")
        pane.set_chart(burnup.burnup_chart(result, iteration, effort, title))

    def _draw_throughput(self, history: flow.FlowHistory, pane: ChartPane) -> None:
        first, last = self.pickers.date_range()
        result = flow.throughput(history, first, last, self._item_ids)
        per = throughput.PER_ITERATION if self.pickers.per_iteration() else throughput.PER_WEEK
        effort = self.pickers.effort()
        rows = throughput.throughput_rows(result, per, effort)
        if not any(value for _label, value in rows):
            where = "in any iteration of" if per == throughput.PER_ITERATION else "in"
            pane.set_empty(
                f"Nothing was finished {where} {day_text(first)} – {day_text(last)}"
                f"{self._filtered_note()}.\n\n"
                "Throughput appears once items reach a Done stage. Try a wider range."
            )
            return
        name = "Throughput per iteration" if per == throughput.PER_ITERATION else "Throughput"
        title = self._title(name, first, last)
        pane.set_chart(throughput.throughput_chart(rows, per, effort, title))

    def _draw_cycle(self, history: flow.FlowHistory, pane: ChartPane) -> None:
        first, last = self.pickers.date_range()
        result = flow.cycle_times(history, first, last, self._item_ids)
        points = cycle.cycle_points(result)
        if not points:
            pane.set_empty(
                f"No item went from an active stage to Done between {day_text(first)} and "
                f"{day_text(last)}{self._filtered_note()}.\n\n"
                "Each item that does appears here as a dot. Try a wider range."
            )
            return
        title = self._title("Cycle time", first, last)
        chart = cycle.cycle_chart(result, points, first, last, title)
        self._connect_points(chart, pane)
        pane.set_chart(chart)

    def _draw_age(self, history: flow.FlowHistory, pane: ChartPane) -> None:
        first, last = self.pickers.date_range()
        result = flow.work_item_age(history, first, last, self._item_ids)
        active = sorted(
            (
                s
                for s in history.stages.values()
                if s.category == ColumnCategory.ACTIVE and not s.removed
            ),
            key=lambda s: (s.position, s.id),
        )
        if not result.items:
            names = ", ".join(s.name for s in active) or "no stage is marked active yet"
            pane.set_empty(
                f"Nothing is in progress now{self._filtered_note()}.\n\n"
                f"Items appear here while they are in an active stage ({names})."
            )
            return
        stages = aging.age_stages(result, active)
        points = aging.age_points(result, stages)
        title = self._title(f"Work-item age on {day_text(history.today())}")
        chart = aging.age_chart(result, stages, points, title)
        self._connect_points(chart, pane)
        pane.set_chart(chart)

    @staticmethod
    def _connect_points(chart: QChart, pane: ChartPane) -> None:
        """Hover and click on the chart's item dots go to ``pane``."""
        for series in chart.series():
            if isinstance(series, ItemSeries):
                series.connect_to(pane)

    # --- pickers and tabs -----------------------------------------------------------------

    def _range_changed(self) -> None:
        self._redo("cfd", "throughput", "cycle", "age")

    def _counting_changed(self) -> None:
        self._redo("burnup", "throughput")

    def _tab_changed(self, index: int) -> None:
        """Turn on the pickers the shown chart uses."""
        key = CHARTS[max(index, 0)][0]
        if key in self._stale:
            self._draw(key)
        self._update_export()
        uses_range = key != "burnup"
        for widget in (self.pickers.from_edit, self.pickers.to_edit):
            widget.setEnabled(uses_range and self._bounds is not None)
        self.pickers.iteration.setEnabled(key == "burnup" and self.pickers.iteration.count() > 0)
        self.pickers.per.setEnabled(key == "throughput")
        self.pickers.measure.setEnabled(key in ("burnup", "throughput"))

    def step_chart(self, step: int) -> None:
        """Show the next (``step`` 1) or previous (-1) chart, round the end."""
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def current_pane(self) -> ChartPane:
        return self.panes[CHARTS[self.tabs.currentIndex()][0]]

    def show_chart(self, key: str) -> ChartPane:
        pane = self.panes[key]
        self.tabs.setCurrentWidget(pane)
        return pane

    # --- export ----------------------------------------------------------------------------

    def export(self, kind: str) -> Path | None:
        """Export the shown chart as "png" or "svg" (asking where), or copy it ("clip")."""
        if self._dirty:
            self.rebuild()
        pane = self.current_pane()
        if pane.is_empty:
            self.prompter.inform(
                "Export chart", f"The {pane.name} chart is empty, so there is nothing to export."
            )
            return None
        chart = pane.chart
        if kind == "clip":
            QApplication.clipboard().setImage(chart_image(chart))
            self.status_message.emit(f"The {pane.name} chart is on the clipboard.")
            return None
        board = self.session.board
        folder = board.path.parent if board.path is not None else data_dir()
        suggested = folder / f"{file_stem(board.name, pane.name)}.{kind}"
        path = self.prompter.save_path(f"Export {pane.name} as {kind.upper()}", suggested, kind)
        if path is None:
            return None
        try:
            data = png_bytes(chart) if kind == "png" else svg_bytes(chart, chart.title())
            write_file(path, data)
        except ExportError as error:
            self.prompter.warn("Export chart", str(error))
            return None
        self.status_message.emit(f"Exported the {pane.name} chart to {path}")
        return path
