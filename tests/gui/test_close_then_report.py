"""The end of an iteration, end to end: close it on the demo board, send its
summary as a PDF, and see on the Charts view that the work flowed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ldboard.domain import flow
from ldboard.io.summary import build_summary
from tests.gui.test_close_iteration import finish, open_close_dialog
from tests.gui.test_export_summary_dialog import choose, open_dialog, read_pdf


def test_close_the_running_iteration_then_send_its_summary_as_a_pdf(qtbot, qapp, window, tmp_path):
    session = window.session
    board = session.board
    running = board.active_iteration()
    assert running is not None
    finish(session, "LD-8")
    dialog = open_close_dialog(window, qtbot)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert board.iteration(running.id).state == "closed"

    # The summary of the iteration just closed, from the snapshot taken at close.
    exporter = open_dialog(qtbot, window)
    assert exporter.iteration_picker.findData(running.id) >= 0
    target = tmp_path / "sponsor.pdf"
    choose(exporter, running.id, target)
    exporter.export_button.click()
    pages, _, text = read_pdf(qapp, target)
    summary = build_summary(board, running.id)
    assert not summary.live, "a closed iteration is told from its snapshot"
    assert summary.median_cycle_time_days is not None
    assert 1 <= pages <= 10
    for heading in ("Headline numbers", "What we learned", "Retrospective", "Thanks"):
        assert heading in text
    assert "LD-8" in text
    assert "Page 1 of" in text
    exporter.open_button.click()
    assert [url.toLocalFile() for url in exporter.open_url.opened] == [str(target)]
    exporter.close()

    # Ctrl+6: the burn-up of the closed iteration shows its finished work.
    window.open_view("chartsView")
    page = window.screen("chartsView").page()
    history = board.flow_history()
    up = flow.burn_up(history, running.id)
    assert up.done_items[-1] >= 1
    pane = page.show_chart("cfd")
    assert pane.chart.series(), "the cumulative flow is drawn"
