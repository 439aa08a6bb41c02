"""The Charts view on the demo board, through its real widgets.

Every expected figure is computed here from ``ldboard.domain.flow`` on the same
board, never written down, so the tests follow the demo board if it changes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from PySide6.QtCharts import QAreaSeries, QBarSeries, QDateTimeAxis, QLineSeries
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from ldboard import ops
from ldboard.domain import flow
from ldboard.domain.enums import ColumnCategory
from ldboard.ui.charts.pickers import to_date
from ldboard.ui.charts.points import ItemSeries
from ldboard.ui.common import theme


@pytest.fixture
def window(window, qtbot):
    """The demo board's window (tests/gui/conftest.py), showing the charts."""
    window.screen("chartsView").view_action.trigger()
    qtbot.waitUntil(lambda: charts(window).isVisible())
    return window


def charts(window):
    return window.screen("chartsView").page()


def history(window) -> flow.FlowHistory:
    return window.session.board.flow_history()


def item_series(pane) -> list[ItemSeries]:
    return [s for s in pane.chart.series() if isinstance(s, ItemSeries)]


def item_ids_drawn(pane) -> list[int]:
    return sorted(p.item_id for s in item_series(pane) for p in s.points_items)


def visible_ids(window) -> list[int]:
    card_filter = window.board_model.card_filter
    accepts = card_filter.matcher()
    return [c.id for c in window.board_model.all_cards() if accepts(c)]


# --- opening ----------------------------------------------------------------------------


def test_ctrl_6_opens_the_charts_from_the_board(window, qtbot):
    window.show_board()
    qtbot.waitUntil(lambda: not charts(window).isVisible())
    action = window.findChild(type(window.screen("chartsView").view_action), "actionViewCharts")
    assert action.shortcut().toString() == "Ctrl+6"
    view_menu = window.findChild(type(window.menuBar().actions()[0].menu()), "viewMenu")
    assert action in view_menu.actions()
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: charts(window).isVisible())
    assert window.views.currentWidget().objectName() == "chartsView"
    assert [charts(window).tabs.tabText(n) for n in range(5)] == [
        "Cumulative flow",
        "Burn-up",
        "Throughput",
        "Cycle time",
        "Work-item age",
    ]


def test_ctrl_page_down_steps_through_the_charts(window, qtbot):
    tabs = charts(window).tabs
    assert tabs.currentIndex() == 0
    QTest.keyClick(tabs.tabBar(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 1
    QTest.keyClick(tabs.tabBar(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 0
    help_sections = window.screen("chartsView").shortcut_help()
    assert help_sections[0][0] == "On the charts"


# --- what each chart draws -----------------------------------------------------------------


def test_the_range_defaults_to_the_last_90_days_within_the_history(window):
    past = history(window)
    today = past.today()
    first_day = min(s.steps[0].day for s in past.stories.values() if s.steps)
    first, last = charts(window).pickers.date_range()
    assert last == today
    assert first == max(today - timedelta(days=89), past.today().fromordinal(first_day))


def test_cumulative_flow_stacks_every_stage_in_board_order_in_board_colours(window):
    page = charts(window)
    first, last = page.pickers.date_range()
    expected = flow.cumulative_flow(history(window), first, last)
    bands = [b for b in expected.bands if not b.stage.removed or any(b.counts)]
    areas = page.show_chart("cfd").chart.series()
    assert all(isinstance(a, QAreaSeries) for a in areas)
    assert [a.name() for a in areas] == [b.stage.name for b in bands]
    columns = [c.id for c in window.board_model.columns]
    for area, band in zip(areas, bands, strict=True):
        assert area.color() == theme.stage_color(columns.index(band.stage.id))
    # The top of the stack is every live item, day by day; Done lies at the bottom.
    top = [p.y() for p in areas[0].upperSeries().points()]
    assert top == list(expected.totals)
    bottom = areas[-1]
    assert bottom.lowerSeries() is None
    assert [p.y() for p in bottom.upperSeries().points()] == list(bands[-1].counts)


def test_the_date_range_sets_the_cumulative_flows_days(window, qtbot):
    page = charts(window)
    _first, last = page.pickers.date_range()
    new_first = last - timedelta(days=20)
    page.pickers.from_edit.setDate(QDate(new_first.year, new_first.month, new_first.day))
    assert page.pickers.date_range() == (new_first, last)
    chart = page.show_chart("cfd").chart
    axis = next(a for a in chart.axes() if isinstance(a, QDateTimeAxis))
    assert to_date(axis.min().toUTC().date()) == new_first
    assert len(chart.series()[0].upperSeries().points()) == 21
    assert str(new_first.day) in chart.title()


def test_the_burn_up_shows_the_active_iteration_and_follows_the_picker(window, qtbot):
    page = charts(window)
    past = history(window)
    active = window.board_model.active_iteration()
    assert page.pickers.iteration_id() == active.id

    def lines():
        return {s.name().split(" (")[0]: s for s in page.show_chart("burnup").chart.series()}

    expected = flow.burn_up(past, active.id)
    drawn = lines()
    assert [p.y() for p in drawn["Done"].points()] == list(expected.done_items)
    # Scope is drawn as steps: two points per day after the first.
    scope = [p.y() for p in drawn["Scope"].points()]
    assert len(scope) == 2 * len(expected.days) - 1
    assert scope[::2] == list(expected.scope_items)
    ideal = drawn["Ideal"].points()
    assert (ideal[0].y(), ideal[-1].y()) == (0, expected.scope_items[-1])

    other = next(i for i in past.iterations if i.id != active.id and i.started_at)
    combo = page.pickers.iteration
    combo.setCurrentIndex(combo.findData(other.id))
    assert other.name in page.show_chart("burnup").chart.title()
    expected = flow.burn_up(past, other.id)
    assert [p.y() for p in lines()["Done"].points()] == list(expected.done_items)

    page.pickers.measure.setCurrentIndex(page.pickers.measure.findData(True))
    assert [p.y() for p in lines()["Done"].points()] == list(expected.done_effort)


def test_throughput_bars_per_iteration_and_per_week(window):
    page = charts(window)
    first, last = page.pickers.date_range()
    expected = flow.throughput(history(window), first, last)

    def bars():
        (series,) = [s for s in page.show_chart("throughput").chart.series()]
        assert isinstance(series, QBarSeries)
        (bar_set,) = series.barSets()
        return [bar_set.at(n) for n in range(bar_set.count())]

    assert bars() == [i.items for i in expected.iterations]
    page.pickers.per.setCurrentIndex(page.pickers.per.findData("week"))
    assert bars() == [w.items for w in expected.weeks]
    assert "Throughput ·" in page.show_chart("throughput").chart.title()


def test_cycle_time_has_a_dot_per_finished_item_and_labelled_lines(window):
    page = charts(window)
    first, last = page.pickers.date_range()
    expected = flow.cycle_times(history(window), first, last)
    timed = [i for i in expected.items if i.cycle_days is not None]
    assert timed, "the demo board finishes work in the last 90 days"
    pane = page.show_chart("cycle")
    assert item_ids_drawn(pane) == sorted(i.item_id for i in timed)
    names = [s.name() for s in pane.chart.series() if isinstance(s, QLineSeries)]
    assert f"Median: {expected.cycle.median:.1f} days" in names
    assert f"85th percentile: {expected.cycle.p85:.1f} days" in names


def test_work_item_age_places_items_by_stage_and_warns_above_the_85th_percentile(window):
    page = charts(window)
    # The finishes of the last 30 days: their 85th percentile is below the oldest
    # items in progress on the demo board.
    _first, last = page.pickers.date_range()
    first = last - timedelta(days=30)
    page.pickers.from_edit.setDate(QDate(first.year, first.month, first.day))
    assert page.pickers.date_range() == (first, last)
    expected = flow.work_item_age(history(window), first, last)
    pane = page.show_chart("age")
    assert item_ids_drawn(pane) == sorted(i.item_id for i in expected.items)
    by_name = {s.name(): s for s in item_series(pane)}
    older = by_name.get("Older than the 85th percentile")
    assert sorted(p.item_id for p in (older.points_items if older else [])) == sorted(
        i.item_id for i in expected.over_p85
    )
    assert expected.over_p85, "the demo board has items older than its 85th percentile"
    assert older.color() == theme.WARNING
    active = [
        c.name for c in window.board_model.columns if c.category == ColumnCategory.ACTIVE.value
    ]
    axis = pane.chart.axes(Qt.Orientation.Horizontal)[0]
    assert [label.split(" (")[0] for label in axis.categoriesLabels()] == active
    for series in item_series(pane):
        for point in series.points_items:
            stage = next(i.stage for i in expected.items if i.item_id == point.item_id)
            assert round(point.x) == active.index(stage.name)


# --- the filter bar -------------------------------------------------------------------------


def test_the_filter_bar_narrows_every_chart(window, qtbot):
    page = charts(window)
    first, last = page.pickers.date_range()
    everything = flow.cycle_times(history(window), first, last)
    key = next(
        i.key
        for i in everything.items
        if i.cycle_days is not None and window.board_model.card(i.item_id) is not None
    )
    before_total = page.show_chart("cfd").chart.series()[0].upperSeries().points()[-1].y()
    board = window.session.board
    reads = []
    original = board.flow_history
    board.flow_history = lambda: reads.append(1) or original()  # type: ignore[method-assign]
    try:
        qtbot.keyClicks(window.filter_bar.text, key)
        ids = visible_ids(window)
        shown = f"filtered: {len(ids)} items"
        qtbot.waitUntil(lambda: page.show_chart("cfd").chart.title().endswith(shown))
    finally:
        del board.flow_history
    assert reads == []  # the board did not change: the history read stays good
    assert 0 < len(ids) < window.board_model.total_count()
    past = history(window)
    expected = flow.cycle_times(past, first, last, ids)
    assert item_ids_drawn(page.show_chart("cycle")) == sorted(
        i.item_id for i in expected.items if i.cycle_days is not None
    )
    assert len(item_ids_drawn(page.show_chart("cycle"))) < len(everything.items)
    totals = flow.cumulative_flow(past, first, last, ids).totals
    top = page.show_chart("cfd").chart.series()[0].upperSeries().points()
    assert top[-1].y() == totals[-1] < before_total


# --- points open their items ---------------------------------------------------------------


def test_clicking_a_cycle_time_dot_opens_that_item(window, qtbot):
    from ldboard.ui.editor import CardEditor

    page = charts(window)
    pane = page.show_chart("cycle")
    qtbot.waitUntil(lambda: pane.view.isVisible())
    series = item_series(pane)[0]
    target = series.points_items[-1]
    point = series.points()[-1]
    at = pane.view.mapFromScene(pane.chart.mapToPosition(point, series))
    QTest.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at.x(), at.y()))
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(CardEditor)))
    editors = [w for w in window.findChildren(CardEditor) if w.isVisible()]
    assert [e.item_id for e in editors] == [target.item_id]
    editors[0].reject()


def test_hovering_an_age_dot_names_the_item(window, qtbot):
    page = charts(window)
    pane = page.show_chart("age")
    series = item_series(pane)[0]
    target = series.points_items[0]
    series.hovered.emit(series.points()[0], True)
    card = window.board_model.card(target.item_id)
    assert card.key in pane.hover_text and card.title[:20] in pane.hover_text
    assert "days" in pane.hover_text
    series.hovered.emit(series.points()[0], False)
    assert pane.hover_text == ""


# --- export --------------------------------------------------------------------------------


def test_png_and_svg_export_write_valid_files(window, prompter, tmp_path):
    page = charts(window)
    png, svg = tmp_path / "flow.png", tmp_path / "flow.svg"
    prompter.answers += [png, svg]
    assert page.export("png") == png
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 1000
    assert page.export("svg") == svg
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text.startswith("Cumulative flow")
    kind, question = prompter.asked[0]
    assert (kind, question) == ("save_path", "Export cumulative flow as PNG")


def test_the_suggested_file_name_names_the_board_and_the_chart(window, prompter, monkeypatch):
    page = charts(window)
    page.show_chart("throughput")
    suggested = []
    monkeypatch.setattr(
        prompter, "save_path", lambda title, path, kind="": suggested.append(path) or None
    )
    page.export("svg")
    assert suggested[0].name == f"{window.session.board.name} throughput.svg"


def test_an_unwritable_folder_shows_an_error_and_writes_nothing(window, prompter, tmp_path):
    # A "folder" that is a file: no one can write in it, not even an administrator.
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "slides").write_text("not a folder")
    target = exports / "slides" / "flow.png"
    prompter.answers.append(target)
    assert charts(window).export("png") is None
    assert prompter.asked[-1][0] == "warn"
    assert "flow.png" in prompter.asked[-1][1]
    assert [p.name for p in exports.iterdir()] == ["slides"]
    assert (exports / "slides").read_text() == "not a folder"


def test_copy_image_puts_the_chart_on_the_clipboard(window):
    from PySide6.QtWidgets import QApplication

    QApplication.clipboard().clear()
    window.findChild(type(window.screen("chartsView").view_action), "chartsCopyImage").trigger()
    assert not QApplication.clipboard().image().isNull()


# --- following the board -------------------------------------------------------------------


def test_a_move_on_the_board_shows_in_the_flow_when_the_charts_come_back(window, qtbot):
    page = charts(window)
    window.show_board()
    qtbot.waitUntil(lambda: not page.isVisible())
    reads = []
    board = window.session.board
    original = board.flow_history
    board.flow_history = lambda: reads.append(1) or original()  # type: ignore[method-assign]
    try:
        columns = window.board_model.columns
        card = next(c for c in window.board_model.all_cards() if c.column_id == columns[0].id)
        window.session.perform(ops.move_item, card.id, columns[-1].id, 0)
        assert reads == []  # hidden: nothing is read until the charts are shown
        window.screen("chartsView").view_action.trigger()
        qtbot.waitUntil(lambda: page.isVisible())
        assert reads == [1]
    finally:
        del board.flow_history
    first, last = page.pickers.date_range()
    expected = flow.cumulative_flow(history(window), first, last)
    areas = page.show_chart("cfd").chart.series()
    assert [p.y() for p in areas[-1].upperSeries().points()][-1] == expected.bands[-1].counts[-1]
    assert [p.y() for p in areas[0].upperSeries().points()] != []


def test_a_change_while_shown_redraws_once(window, qtbot):
    page = charts(window)
    columns = window.board_model.columns
    card = next(c for c in window.board_model.all_cards() if c.column_id == columns[0].id)
    before = page.show_chart("cfd").chart
    window.session.perform(ops.move_item, card.id, columns[1].id, 0)
    qtbot.waitUntil(lambda: page.show_chart("cfd").chart is not before)
    first, last = page.pickers.date_range()
    expected = flow.cumulative_flow(history(window), first, last)
    drawn = page.show_chart("cfd").chart.series()
    assert (
        drawn[1].upperSeries().points()[-1].y() - drawn[2].upperSeries().points()[-1].y()
        == (expected.bands[1].counts[-1])
    )
