"""Regenerate the README screenshots from the demo board, offscreen.

Run from the repository root:  .venv/bin/python docs/make_screenshots.py
It never touches your own boards: the demo board is written to a temporary
folder, and settings go there too.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
IMAGES = Path(__file__).resolve().parent / "images"
SIZE = (1600, 900)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="ldboard-shots-") as folder:
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        os.environ["XDG_DATA_HOME"] = str(Path(folder) / "data")
        from PySide6.QtWidgets import QApplication

        from ldboard.app import build_main_window, ensure_application
        from ldboard.store.demo import create_demo_board

        ensure_application()
        board = Path(folder) / "L&D plan.ldboard"
        create_demo_board(board).close()
        window = build_main_window(board)
        window.resize(*SIZE)
        window.show()
        QApplication.processEvents()
        IMAGES.mkdir(parents=True, exist_ok=True)
        shots = {"board.png": window}
        window.show_matrix()
        QApplication.processEvents()
        window.grab().save(str(IMAGES / "matrix.png"))
        print(f"wrote {IMAGES / 'matrix.png'}")
        window.show_board()
        QApplication.processEvents()
        editor = window.edit_item(window.board_model.column_model(4).item_id(1))
        editor.resize(820, 640)
        QApplication.processEvents()
        shots["card-editor.png"] = editor
        for name, widget in shots.items():
            target = IMAGES / name
            if not widget.grab().save(str(target)):
                print(f"could not write {target}", file=sys.stderr)
                return 1
            print(f"wrote {target}")
        editor.reject()
        QApplication.processEvents()
        if not shoot_results(window, QApplication):
            return 1
        if not shoot_practice(window, QApplication):
            return 1
        if not shoot_iteration_screens(window, QApplication):
            return 1
        if not shoot_charts_and_summary(window, QApplication):
            return 1
        window.close()
    return 0


def shoot_results(window, application) -> bool:
    """The card editor's Business goal tab of the initiative with the most results."""
    board = window.session.board
    counts = board.connection.execute(
        "SELECT item_id FROM measurements GROUP BY item_id ORDER BY count(*) DESC, item_id"
    )
    return shoot_editor(window, application, counts.fetchone()[0], "goalTab", (820, 700),
                        "card-results.png")  # fmt: skip


def shoot_editor(window, application, item_id, tab, size, name) -> bool:
    """The card editor on ``item_id``, open on ``tab``, saved as ``name``."""
    editor = window.edit_item(item_id)
    editor.show_tab(tab)
    editor.resize(*size)
    application.processEvents()
    saved = save([(name, editor)])
    editor.reject()
    application.processEvents()
    return saved


def shoot_practice(window, application) -> bool:
    """The intake wizard asking why people are not doing it, a request's Intake tab
    and the People view's stakeholder map."""
    from PySide6.QtWidgets import QTabWidget

    wizard = window.new_request()
    wizard.problem_page.title.setText("Negotiation course for account managers")
    for text in (
        "Ask two open questions before quoting a price",
        "Know the discount policy",
        "Log every objection in the CRM",
    ):
        wizard.behaviours_page.add_row(text)
    wizard.next()
    wizard.next()
    for (_text, combo), barrier in zip(
        wizard.barriers_page.combos, ("skills", "knowledge", "environment"), strict=True
    ):
        combo.setCurrentIndex(combo.findData(barrier))
    wizard.resize(860, 600)
    application.processEvents()
    saved = save([("intake-wizard.png", wizard)])
    wizard.done(0)  # closed without the discard question: nothing was recorded
    application.processEvents()
    if not saved:
        return False
    board = window.session.board
    asked = board.connection.execute(
        "SELECT item_id FROM intakes JOIN items ON items.id = item_id "
        "WHERE items.archived_at IS NULL ORDER BY item_id"
    )
    item_id = asked.fetchone()[0]
    if not shoot_editor(window, application, item_id, "intakeTab", (900, 720), "card-intake.png"):
        return False
    planned = board.connection.execute(
        "SELECT p.item_id FROM evaluation_plans p JOIN items i ON i.id = p.item_id "
        "JOIN columns c ON c.id = i.column_id WHERE c.name = 'Pilot' ORDER BY p.item_id"
    )
    item_id = planned.fetchone()[0]
    if not shoot_editor(window, application, item_id, "measureTab", (900, 660), "card-measure.png"):
        return False
    window.open_view("peopleView")
    application.processEvents()
    tabs = window.views.currentWidget().findChild(QTabWidget)
    tabs.setCurrentIndex(1)
    application.processEvents()
    return save([("stakeholder-map.png", window)])


def shoot_iteration_screens(window, application) -> bool:
    """The planning screen, the close dialog over it, and the retrospective."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    window.open_view("iterationsView")
    application.processEvents()
    page = window.views.currentWidget()
    # Show the plan of the next iteration, as a lead does on planning day.
    upcoming = next(i for i in window.session.board.iterations() if i.state == "planned")
    page.select_iteration(upcoming.id)
    page.backlog_table.select_ids(page.backlog_table.planning_model().ids()[:3])
    application.processEvents()
    shots = [("planning.png", window)]
    if not save(shots):
        return False
    window.open_view("iterationsView")
    page.select_iteration(window.session.board.active_iteration().id)
    window.findChild(QAction, "actionCloseIteration").trigger()
    application.processEvents()
    dialog = window.findChild(QWidget, "closeIterationDialog")
    dialog.resize(960, 820)
    application.processEvents()
    if not save([("close-iteration.png", dialog)]):
        return False
    dialog.reject()
    window.open_view("retroView")
    application.processEvents()
    return save([("retrospective.png", window)])


def shoot_charts_and_summary(window, application) -> bool:
    """The cumulative flow of the Charts view, and the first page of the closed
    iteration's summary as a sponsor receives it (PDF, A4)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument

    from ldboard.io.export import render
    from ldboard.io.summary import build_summary, find_iteration

    window.open_view("chartsView")
    application.processEvents()
    if not save([("charts.png", window)]):
        return False
    board = window.session.board
    pdf = QByteArray(render(build_summary(board, find_iteration(board, "last").id), "pdf"))
    buffer = QBuffer(pdf)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    size = document.pagePointSize(0)
    page = document.render(0, QSize(round(size.width() * 1.5), round(size.height() * 1.5)))
    target = IMAGES / "summary-page.png"
    if not page.save(str(target)):
        print(f"could not write {target}", file=sys.stderr)
        return False
    print(f"wrote {target}")
    return True


def save(shots) -> bool:
    for name, widget in shots:
        target = IMAGES / name
        if not widget.grab().save(str(target)):
            print(f"could not write {target}", file=sys.stderr)
            return False
        print(f"wrote {target}")
    return True


if __name__ == "__main__":
    sys.exit(main())
