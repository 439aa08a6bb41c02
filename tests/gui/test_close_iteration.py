"""Closing an iteration through its dialog, on real widgets and a real board file.

The demo board's running iteration ("Iteration 2") holds ten initiatives. One of
them is done already: LD-24, the quote-builder walkthrough clips, whose hypothesis
awaits its verdict (no actual yet), so the demo's own close asks for one. Most
tests finish more first (LD-6, whose verdict is already "inconclusive" with an
actual of 8, and LD-8, not judged yet), so the dialog has unfinished items, a
verdict to keep and more than one hypothesis to judge.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QWheelEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QWidget

from ldboard import ops
from ldboard.store import Board
from ldboard.ui.common.session import BoardSession
from ldboard.ui.iterations.close_dialog import (
    NO_HYPOTHESES_TEXT,
    NO_UNFINISHED_TEXT,
    CloseIterationDialog,
)
from ldboard.ui.iterations.close_rows import ChoiceBox

NEXT = "Iteration 3: Safety and retention"
#: The demo's finished item of the running iteration, its hypothesis still untested.
CLIPS = "LD-24"


# --- helpers ----------------------------------------------------------------------------------


def file_content(board: Board) -> list[str]:
    """Every statement that rebuilds the board file, except the append-only activity log
    (undo and redo add their own rows to it)."""
    return [
        line for line in board.connection.iterdump() if not line.startswith('INSERT INTO "events"')
    ]


def finish(session: BoardSession, *keys: str) -> None:
    """Move items into the Done stage, as a drag on the board does."""
    done = next(c for c in session.board.columns() if c.category == "done")
    for key in keys:
        item = session.board.item_by_key(key)
        assert item is not None
        assert session.perform(ops.move_item, item.id, done.id, 0) is not None


def open_close_dialog(window, qtbot) -> CloseIterationDialog:
    """Iteration → Close Iteration…, as a person chooses it."""
    action = window.findChild(QAction, "actionCloseIteration")
    assert action.isEnabled()
    action.trigger()
    dialog = window.findChild(QDialog, "closeIterationDialog")
    assert isinstance(dialog, CloseIterationDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def item_id(board: Board, key: str) -> int:
    item = board.item_by_key(key)
    assert item is not None
    return item.id


def choose(box: ChoiceBox, text: str) -> None:
    index = box.findText(text)
    assert index >= 0, f"{text!r} is not offered: {[box.itemText(i) for i in range(box.count())]}"
    box.setCurrentIndex(index)


def visible_problems(dialog: QDialog) -> dict[str, str]:
    return {
        label.objectName(): label.text()
        for label in dialog.findChildren(QLabel)
        if "roblem" in label.objectName() and label.isVisible()
    }


# --- closing, undo, redo ------------------------------------------------------------------------


def test_closing_records_the_choices_in_one_step_that_undo_reverts_exactly(window, qtbot):
    session = window.session
    board = session.board
    finish(session, "LD-6", "LD-8")
    iteration = board.active_iteration()
    assert iteration is not None
    ld6, ld8, ld18, ld19 = (item_id(board, k) for k in ("LD-6", "LD-8", "LD-18", "LD-19"))
    clips = item_id(board, CLIPS)
    ld6_before, clips_before = board.row("items", (ld6,)), board.row("items", (clips,))
    before = file_content(board)
    undo_depth = session.undo_stack.count()

    dialog = open_close_dialog(window, qtbot)
    assert dialog.iteration_id == iteration.id
    # LD-19 goes on into the next iteration (chosen with the keyboard), LD-18 stays
    # at the default: back to the backlog.
    destination = dialog.unfinished.rows[ld19].destination
    assert destination.currentText() == "Back to the backlog"
    destination.setFocus()
    qtbot.keyClick(destination, Qt.Key.Key_Down)
    assert destination.currentText() == f"Into {NEXT}"
    assert dialog.unfinished.rows[ld18].destination.currentText() == "Back to the backlog"
    # LD-8 is judged and measured; LD-6 keeps the verdict and actual it had; the
    # clips are left without a verdict, as results may come after the close.
    verdict = dialog.verdicts.rows[ld8].verdict
    assert verdict.currentIndex() == -1
    verdict.setFocus()
    qtbot.keyClick(verdict, Qt.Key.Key_Down)
    assert verdict.currentData() == "validated"
    qtbot.keyClicks(dialog.verdicts.rows[ld8].actual, "25 %")
    assert "1 item goes into " + NEXT in dialog.summary.text()

    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    closed = board.iteration(iteration.id)
    assert closed is not None and closed.state == "closed" and closed.closed_at
    assert board.item(ld19).iteration_id == board.iterations()[-1].id
    assert board.iteration(board.item(ld19).iteration_id).name == NEXT
    assert board.item(ld18).iteration_id is None
    assert (board.item(ld8).verdict, board.item(ld8).actual) == ("validated", 25.0)
    assert board.row("items", (ld6,)) == ld6_before, "an untouched row is not rewritten"
    assert board.row("items", (clips,)) == clips_before, "an unjudged one stays as it was"
    assert session.undo_stack.count() == undo_depth + 1

    snapshot = board.snapshot(iteration.id)
    assert snapshot is not None
    by_key = {item.key: item for item in snapshot.items}
    assert {i.key for i in snapshot.by_flag("done")} == {"LD-6", "LD-8", CLIPS}
    assert (by_key["LD-8"].verdict, by_key["LD-8"].actual) == ("validated", 25.0)
    assert (by_key["LD-6"].verdict, by_key["LD-6"].actual) == ("inconclusive", 8.0)
    assert (by_key[CLIPS].verdict, by_key[CLIPS].actual) == ("untested", None)
    assert by_key["LD-19"].carried_over and by_key["LD-19"].carried_to == NEXT
    assert by_key["LD-18"].carried_over and by_key["LD-18"].carried_to == ""
    assert snapshot.numbers.items_done == 3
    assert snapshot.numbers.items_carried_over == len(dialog.unfinished.rows)
    after = file_content(board)

    window.action_undo.trigger()
    assert file_content(board) == before
    assert board.active_iteration() == iteration
    assert board.snapshot(iteration.id) is None

    window.action_redo.trigger()
    assert file_content(board) == after
    assert board.snapshot(iteration.id) == snapshot


def test_cancel_writes_nothing(window, qtbot):
    session = window.session
    board = session.board
    finish(session, "LD-8")
    before = file_content(board)
    undo_depth = session.undo_stack.count()
    dialog = open_close_dialog(window, qtbot)
    dialog.all_to_next.click()
    choose(dialog.verdicts.rows[item_id(board, "LD-8")].verdict, "✗  Invalidated")

    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    assert file_content(board) == before
    assert session.undo_stack.count() == undo_depth
    assert board.active_iteration() is not None


def test_return_in_an_actual_value_does_not_close_the_iteration(window, qtbot):
    board = window.session.board
    finish(window.session, "LD-8")
    dialog = open_close_dialog(window, qtbot)
    actual = dialog.verdicts.rows[item_id(board, "LD-8")].actual
    actual.setFocus()
    qtbot.keyClicks(actual, "24")
    qtbot.keyClick(actual, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert board.active_iteration() is not None
    assert not dialog.close_button.isDefault()


# --- refusals -----------------------------------------------------------------------------------


def test_an_actual_that_is_not_a_number_is_refused_beside_its_row(window, qtbot):
    session = window.session
    board = session.board
    finish(session, "LD-6", "LD-8")
    ld8 = item_id(board, "LD-8")
    before = file_content(board)
    undo_depth = session.undo_stack.count()
    dialog = open_close_dialog(window, qtbot)
    row = dialog.verdicts.rows[ld8]
    choose(row.verdict, "✓  Validated")
    qtbot.keyClicks(row.actual, "about a quarter")

    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    problem = dialog.verdicts.problems.text(ld8)
    assert visible_problems(dialog) == {f"verdictProblem:{ld8}": problem}
    assert problem.startswith("LD-8: the actual value is measured in Win rate")
    assert "must be a number" in problem
    assert dialog.focusWidget() is row.actual
    assert file_content(board) == before
    assert session.undo_stack.count() == undo_depth

    # Correcting the value clears the message and the close goes through.
    row.actual.selectAll()
    qtbot.keyClicks(row.actual, "24.5")
    assert dialog.verdicts.problems.text(ld8) == ""
    assert visible_problems(dialog) == {}
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert board.item(ld8).actual == 24.5


def test_without_a_planned_iteration_the_close_creates_one_under_the_name_typed(
    window, qtbot, snapshot
):
    session = window.session
    board = session.board
    planned = next(i for i in board.iterations() if i.state == "planned")
    assert session.perform(ops.delete_iteration, planned.id) is not None
    before = file_content(board)
    rows_before = snapshot(board)
    dialog = open_close_dialog(window, qtbot)
    ld19 = item_id(board, "LD-19")
    name = dialog.next_name
    assert name is not None and name.text() == "Iteration 3"
    assert not name.isEnabled(), "no item goes to the new iteration yet"
    choose(dialog.unfinished.rows[ld19].destination, "Into a new iteration “Iteration 3”")
    assert name.isEnabled()
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "x" * 130)
    assert (
        dialog.unfinished.rows[ld19]
        .destination.currentText()
        .startswith("Into a new iteration “xxx")
    )

    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.next_name_problem is not None and dialog.next_name_problem.isVisible()
    assert "120 characters" in dialog.next_name_problem.text()
    assert file_content(board) == before

    name.selectAll()
    qtbot.keyClicks(name, "Iteration 3: Dock safety")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    created = board.iteration(board.item(ld19).iteration_id)
    assert (created.name, created.state) == ("Iteration 3: Dock safety", "planned")
    assert board.item(item_id(board, "LD-18")).iteration_id is None

    # Undo takes the new iteration away with the close. Every row is as it was;
    # SQLite's AUTOINCREMENT counter keeps the id used, so ids are never reused.
    assert session.undo()
    assert snapshot(board) == rows_before
    assert board.iteration(created.id) is None


# --- what the dialog shows ----------------------------------------------------------------------


def test_the_headline_and_the_prefilled_choices(window, qtbot):
    board = window.session.board
    finish(window.session, "LD-6", "LD-8")
    iteration = board.active_iteration()
    lines = board.scope(iteration.id)
    in_scope = [line for line in lines if line.in_scope]
    done = [line for line in in_scope if line.done]
    planned_points = sum(line.effort or 0 for line in in_scope)
    done_points = sum(line.effort or 0 for line in done)
    unfinished = [line for line in in_scope if not line.done]

    dialog = open_close_dialog(window, qtbot)

    def tile(name: str) -> str:
        value = dialog.findChild(QLabel, f"{name}Value").text()
        return f"{value} | {dialog.findChild(QLabel, f'{name}Detail').text()}"

    assert tile("headlineDone") == (
        f"{len(done)} of {len(in_scope)} | items done · {done_points} of {planned_points} points"
    )
    assert tile("headlineCapacity") == (
        f"{planned_points} / {iteration.capacity:.0f} | points planned against capacity"
    )
    added = [line for line in lines if line.added]
    removed = [line for line in lines if line.removed]
    assert tile("headlineScope").startswith(f"+{len(added)}  −{len(removed)} | ")
    assert tile("headlineUnfinished").startswith(f"{len(unfinished)} | ")
    assert f"{iteration.name}" in dialog.findChild(QLabel, "closeTitle").text()

    assert [row.line.key for row in dialog.unfinished.rows.values()] == [
        line.key for line in unfinished
    ]
    assert {row.line.key for row in dialog.verdicts.rows.values()} == {"LD-6", "LD-8", CLIPS}
    ld6 = dialog.verdicts.rows[item_id(board, "LD-6")]
    assert (ld6.verdict.currentData(), ld6.actual.text()) == ("inconclusive", "8")
    assert ld6.progress.text() == "50% of the way to the target"
    ld8 = dialog.verdicts.rows[item_id(board, "LD-8")]
    assert (ld8.verdict.currentIndex(), ld8.verdict.placeholderText()) == (-1, "Choose a verdict…")
    assert ld8.actual.text() == ""
    clips = dialog.verdicts.rows[item_id(board, CLIPS)]
    assert (clips.verdict.currentIndex(), clips.actual.text()) == (-1, "")
    assert "2 left untested" in dialog.summary.text()
    assert dialog.choices()["verdicts"] == {}, "nothing changed, nothing to write"

    dialog.all_to_next.click()
    assert {row.destination.currentText() for row in dialog.unfinished.rows.values()} == {
        f"Into {NEXT}"
    }
    dialog.all_to_backlog.click()
    assert set(dialog.choices()["unfinished"].values()) == {None}


def test_empty_lists_say_so_in_one_line(session, qtbot):
    """One finished item without a hypothesis: nothing to carry over, nothing to judge."""
    board = session.board
    done = next(c for c in board.columns() if c.category == "done")
    created = session.perform(ops.create_item, done.id, "Job aid for the new expense tool")
    only = next(d.key[0] for d in created.diffs("items"))
    iteration = session.perform(ops.create_iteration, "Quiet sprint")
    iteration_id = next(d.key[0] for d in iteration.diffs("iterations"))
    assert session.perform(ops.plan_items, [only], iteration_id) is not None
    assert session.perform(ops.start_iteration, iteration_id) is not None
    dialog = CloseIterationDialog(session, iteration_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    assert dialog.findChild(QLabel, "noUnfinished").text() == NO_UNFINISHED_TEXT
    assert dialog.findChild(QLabel, "noHypotheses").text() == NO_HYPOTHESES_TEXT
    assert not dialog.unfinished.isVisible() and not dialog.verdicts.isVisible()
    assert dialog.findChild(QLabel, "unfinishedHeading").text() == "Unfinished items"
    assert dialog.findChild(QLabel, "headlineDoneValue").text() == "1 of 1"
    with qtbot.waitSignal(dialog.accepted):
        dialog.close_button.click()
    assert board.iteration(iteration_id).state == "closed"
    assert [i.key for i in board.snapshot(iteration_id).by_flag("done")] == [board.item(only).key]


def test_a_read_only_board_offers_no_close(window, qtbot):
    session = window.session
    iteration = session.board.active_iteration()
    before = file_content(session.board)
    session.make_read_only("“team.ldboard” is read-only (file permissions).")

    assert not window.findChild(QAction, "actionCloseIteration").isEnabled()
    dialog = CloseIterationDialog(session, iteration.id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.close_button.isEnabled()
    assert dialog.read_only_reason.isVisible()
    assert dialog.read_only_reason.text().startswith("“team.ldboard” is read-only")
    assert not next(iter(dialog.unfinished.rows.values())).destination.isEnabled()
    dialog.close_iteration()
    assert file_content(session.board) == before
    assert dialog.isVisible()


# --- long lists, keyboard, accessibility --------------------------------------------------------


def long_iteration(session: BoardSession, count: int = 40) -> int:
    """An active iteration of ``count`` initiatives with hypotheses, half of them done."""
    board = session.board
    first = board.columns()[0]
    done = next(c for c in board.columns() if c.category == "done")
    ids = []
    for n in range(count):
        fields = {
            "hypothesis": f"We believe change {n} will cut handling time",
            "metric": "Handling time (minutes)",
            "baseline": 12.0,
            "target": 9.0,
            "effort": 1 + n % 5,
        }
        change = session.perform(ops.create_item, first.id, f"Initiative {n}", fields=fields)
        ids.append(next(d.key[0] for d in change.diffs("items")))
    created = session.perform(ops.create_iteration, "Big sprint", capacity=80)
    iteration_id = next(d.key[0] for d in created.diffs("iterations"))
    assert session.perform(ops.plan_items, ids, iteration_id) is not None
    assert session.perform(ops.start_iteration, iteration_id) is not None
    for one in ids[: count // 2]:
        assert session.perform(ops.move_item, one, done.id, 0) is not None
    return iteration_id


def test_forty_items_scroll_on_a_laptop_screen_and_the_keyboard_reaches_every_row(session, qtbot):
    iteration_id = long_iteration(session)
    dialog = CloseIterationDialog(session, iteration_id)
    qtbot.addWidget(dialog)
    assert dialog.minimumSizeHint().height() <= 768 - 100
    dialog.resize(1300, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert len(dialog.unfinished.rows) == 20 and len(dialog.verdicts.rows) == 20
    bar = dialog.scroll.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    assert dialog.close_button.isVisible()

    # Tab walks the rows in reading order, and the list scrolls to follow the focus.
    first = dialog.unfinished.first_input()
    assert QApplication.focusWidget() is first
    inputs: list[QWidget] = [row.destination for row in dialog.unfinished.rows.values()]
    inputs += [w for row in dialog.verdicts.rows.values() for w in (row.verdict, row.actual)]
    content = dialog.scroll.widget()

    def place(widget: QWidget) -> tuple[int, int]:
        found = widget.mapTo(content, QPoint(0, 0))
        return (found.y(), found.x())

    expected = sorted(inputs, key=place)  # reading order: down the page, left to right
    reached = [first]
    for _ in range(len(expected) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == expected
    assert bar.value() > 0
    last = expected[-1]
    top_left = last.mapTo(dialog.scroll.viewport(), QPoint(0, 0))
    assert dialog.scroll.viewport().rect().contains(top_left)

    # Every input says what it is for, uniquely.
    names = [w.accessibleName() for w in expected]
    assert all(names) and len(set(names)) == len(names)
    assert names[0].startswith("Where ") and names[-1].startswith("Actual value of ")


def wheel_down(widget: QWidget) -> QWheelEvent:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(widget.rect().center())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event


def test_the_wheel_over_a_choice_leaves_it_alone_until_it_has_the_focus(session, qtbot):
    iteration_id = long_iteration(session)
    dialog = CloseIterationDialog(session, iteration_id)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.close_button.setFocus()
    box = list(dialog.unfinished.rows.values())[2].destination

    passing = wheel_down(box)
    # Ignored, so the window system hands the wheel on to the scrolling list.
    assert not passing.isAccepted()
    assert box.currentText() == "Back to the backlog"

    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    assert wheel_down(box).isAccepted()
    assert box.currentText() == "Into a new iteration “Big sprint (next)”"


def test_mnemonics_reach_the_lists_and_the_set_all_buttons(window, qtbot):
    board = window.session.board
    finish(window.session, "LD-8")
    dialog = open_close_dialog(window, qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.verdicts.rows[item_id(board, "LD-8")].verdict
    qtbot.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.unfinished.first_input()
    # A button's mnemonic clicks it after a short animation.
    qtbot.keyClick(dialog, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: set(dialog.choices()["unfinished"].values()) == {ops.NEXT_ITERATION})
    qtbot.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: set(dialog.choices()["unfinished"].values()) == {None})
    assert all(edit.accessibleName() for edit in dialog.findChildren(QLineEdit) if edit.isVisible())


# --- after the close ----------------------------------------------------------------------------


def test_accepting_opens_the_retrospective_of_the_closed_iteration(window, qtbot):
    iteration = window.session.board.active_iteration()
    dialog = open_close_dialog(window, qtbot)
    with qtbot.waitSignal(dialog.accepted):
        dialog.close_button.click()
    assert window.session.board.iteration(iteration.id).state == "closed"
    retro = window.screen("retroView")
    assert window.current_screen() is retro
    page = retro.built
    assert page is not None and page.isVisible()
    assert page.selected_iteration().id == iteration.id
