"""The Charts view on boards with little or no history: a sentence, not an axis."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QWidget

from ldboard import ops
from ldboard.domain import flow
from ldboard.ui.cards.board_model import BoardModel
from ldboard.ui.charts.page import TOO_SHORT, ChartsPage
from ldboard.ui.screen import ScreenContext
from tests.gui.support import ScriptedPrompter


@pytest.fixture
def open_page(qtbot, session):
    """Shows the Charts page on ``session``'s board (built on demand, after the
    test has given the board its history)."""

    def show() -> ChartsPage:
        window = QWidget()
        cards = BoardModel(session, window)
        context = ScreenContext(
            session=session,
            cards=cards,
            prompter=ScriptedPrompter(),
            open_item=lambda _item: None,
            new_item=lambda _column: None,
            show_message=lambda _text: None,
            open_view=lambda _name, _subject: None,
            window=window,
        )
        page = ChartsPage(context)
        window.setParent(page)  # the page keeps the model alive while the test runs
        qtbot.addWidget(page)
        page.resize(1200, 700)
        page.show()
        qtbot.waitExposed(page)
        return page

    return show


def add_items(session, count: int, column: int = 0) -> list[int]:
    column_id = session.board.columns()[column].id
    return [
        min(session.perform(ops.create_item, column_id, f"Item {n}").item_ids())
        for n in range(count)
    ]


def messages(page: ChartsPage) -> dict[str, str]:
    """The empty states, tab by tab (a chart is drawn when its tab is chosen)."""
    shown = page.tabs.currentIndex()
    found = {
        key: pane.message.text() for key in page.panes if (pane := page.show_chart(key)).is_empty
    }
    page.tabs.setCurrentIndex(shown)
    return found


def test_an_empty_board_explains_when_charts_appear(open_page):
    page = open_page()
    assert messages(page) == {key: TOO_SHORT for key in page.panes}
    assert "at least two days" in TOO_SHORT
    assert not page.pickers.from_edit.isEnabled()
    assert not page.pickers.iteration.isEnabled()
    assert not any(action.isEnabled() for action in page.export_actions)


def test_one_day_of_history_is_not_yet_a_chart(open_page, session):
    add_items(session, 3)
    page = open_page()
    assert messages(page) == {key: TOO_SHORT for key in page.panes}


def test_two_days_without_a_finish_or_an_iteration(open_page, session, clock):
    ids = add_items(session, 3)
    clock.now += timedelta(days=2)
    columns = session.board.columns()
    active = next(c for c in columns if c.category == "active")
    session.perform(ops.move_item, ids[0], active.id, 0)
    page = open_page()
    found = messages(page)
    assert set(found) == {"burnup", "throughput", "cycle"}
    assert found["burnup"].startswith("No iteration has started yet.")
    assert found["throughput"].startswith("Nothing was finished in any iteration of")
    assert found["cycle"].startswith("No item went from an active stage to Done")
    assert not page.show_chart("cfd").is_empty and not page.show_chart("age").is_empty
    page.show_chart("burnup")
    assert page.export("png") is None  # nothing to export; said so, nothing asked
    assert page.prompter.asked[-1][0] == "inform"


def test_a_range_with_no_finished_items_says_so(open_page, session, clock):
    ids = add_items(session, 2)
    columns = session.board.columns()
    done = next(c for c in columns if c.category == "done")
    active = next(c for c in columns if c.category == "active")
    clock.now += timedelta(days=1)
    session.perform(ops.move_item, ids[0], active.id, 0)
    clock.now += timedelta(days=3)
    session.perform(ops.move_item, ids[0], done.id, 0)
    clock.now += timedelta(days=30)
    session.perform(ops.move_item, ids[1], active.id, 0)
    page = open_page()
    assert not page.show_chart("cycle").is_empty
    history = session.board.flow_history()
    today = history.today()
    page.pickers.set_range(today - timedelta(days=10), today)
    assert flow.cycle_times(history, today - timedelta(days=10), today).empty
    found = messages(page)
    assert found["cycle"].startswith("No item went from an active stage to Done between")
    assert "Try a wider range" in found["cycle"]
    page.pickers.per.setCurrentIndex(page.pickers.per.findData("week"))
    assert messages(page)["throughput"].startswith("Nothing was finished in ")
    assert not page.show_chart("cfd").is_empty
