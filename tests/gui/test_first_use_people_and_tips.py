"""Avatars people can tell apart and name, tooltips that wrap, and the thresholds form."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRectF
from PySide6.QtGui import QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from ldboard.domain.rules import Thresholds
from ldboard.ui.cards.avatar_colors import (
    PALETTE,
    AvatarColors,
    contrast_with_white,
    generate_palette,
    min_distance,
)
from ldboard.ui.cards.column_model import CARD_ROLE
from ldboard.ui.cards.tooltips import READABLE_CHARS, readable_tooltip
from ldboard.ui.matrix.thresholds_dialog import ThresholdsDialog
from tests.gui.first_use_support import tab_stops, view_of


def tooltip_at(view, point: QPoint) -> str:
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text()


def visible_tip_label():
    labels = [
        w
        for w in QApplication.topLevelWidgets()
        if w.metaObject().className() == "QTipLabel" and w.isVisible()
    ]
    assert len(labels) == 1
    return labels[0]


# --- avatars ---------------------------------------------------------------------------------


def test_hovering_an_avatar_names_the_person_and_their_role_on_the_card(window, qtbot):
    board = window.session.board
    view = view_of(window, "Building")
    row = next(
        r
        for r in range(view.model().rowCount())
        if len(view.model().index(r, 0).data(CARD_ROLE).people) >= 2
    )
    index = view.model().index(row, 0)
    card = index.data(CARD_ROLE)
    rect = view.visualRect(index)
    spots = window.board_view.painter.avatar_spots(QRectF(rect), card)
    names = {p.id: p.name for p in board.people()}
    roles = {"requester": "requester", "sponsor": "sponsor", "sme": "subject-matter expert"}
    for spot in spots:
        person = spot.people[0].id
        expected_roles = ", ".join(roles[r] for p, r in board.item_people(card.id) if p == person)
        text = tooltip_at(view, spot.rect.center().toPoint())
        assert text == f"{names[person]} — {expected_roles}"
    # Elsewhere on the card the tooltip is the card's own summary.
    text = tooltip_at(view, QPoint(rect.center().x(), rect.top() + 30))
    assert f"{card.key} — {card.title}" in text


def test_people_that_do_not_fit_are_named_on_the_more_badge(qtbot, demo_session):
    from ldboard.domain.cards import Card, PersonChip
    from ldboard.ui.cards.card_painter import CardPainter

    painter = CardPainter(QApplication.font())
    chips = tuple(PersonChip(n, f"Person {n}", f"P{n}", "sme") for n in range(1, 7))
    card = Card(1, "LD-1", "A title", 1, 1.0, people=chips, due="2030-01-01")
    spots = painter.avatar_spots(QRectF(0, 0, 240, 118), card)
    shown = [s for s in spots if not s.more]
    more = [s for s in spots if s.more]
    assert len(shown) == 3 and len(more) == 1
    assert more[0].tooltip().splitlines() == [
        f"Person {n} — subject-matter expert" for n in (4, 5, 6)
    ]
    due = painter.small_metrics.horizontalAdvance("Due 1 Jan")
    assert all(s.rect.right() < 240 - due for s in spots), "avatars never run under the due date"


def test_avatar_colours_are_distinct_and_readable_for_the_demo_board(window):
    board = window.session.board
    people = board.people()
    assert len(people) == 10
    colors = [window.board_view.avatar_colors.color(p.id).name() for p in people]
    assert len(set(colors)) == 10
    # Far apart in a perceptual colour space (a 6-colour palette repeats; hues
    # a step apart on a 12-step wheel are about 0.05 apart).
    assert min_distance(colors) >= 0.1
    assert min(contrast_with_white(c) for c in colors) >= 4.5


def test_avatar_colours_are_stable_when_people_are_added():
    palette = AvatarColors([3, 1, 2])
    before = {pid: palette.color(pid).name() for pid in (1, 2, 3)}
    assert palette.update([1, 2, 3, 7]) is True
    assert {pid: palette.color(pid).name() for pid in (1, 2, 3)} == before
    assert palette.color(7).name() not in before.values()
    assert palette.update([1, 2, 3, 7]) is False


def test_the_palette_is_the_farthest_first_sequence_it_claims_to_be():
    assert generate_palette(len(PALETTE)) == list(PALETTE)
    assert min(contrast_with_white(c) for c in PALETTE) >= 4.5


def test_new_people_get_their_colour_on_the_board(window, qtbot):
    from ldboard import ops

    window.session.perform(ops.create_person, "Zoe Alvarez")
    zoe = next(p for p in window.session.board.people() if p.name == "Zoe Alvarez")
    others = {
        window.board_view.avatar_colors.color(p.id).name()
        for p in window.session.board.people()
        if p.id != zoe.id
    }
    assert window.board_view.avatar_colors.color(zoe.id).name() not in others


# --- tooltips ------------------------------------------------------------------------------


def test_short_tooltips_stay_plain_and_long_ones_wrap():
    assert readable_tooltip("Maya Chen — requester") == "Maya Chen — requester"
    long = "LD-1 — Title\n" + "word " * 60 + "<b>not markup</b>"
    wrapped = readable_tooltip(long)
    assert wrapped.startswith("<table width=")
    assert "&lt;b&gt;not markup&lt;/b&gt;" in wrapped
    assert "LD-1 — Title<br>" in wrapped


def test_a_card_tooltip_with_a_long_hypothesis_wraps_at_a_readable_width(window, qtbot):
    from ldboard import ops

    view = view_of(window, "Ready")
    item_id = view.model().item_id(0)
    hypothesis = (
        "We believe that short, scenario-based practice with the finance team's own "
        "spreadsheets will result in fewer month-end corrections within two quarters."
    )
    window.session.perform(ops.edit_item, item_id, {"hypothesis": hypothesis})
    rect = view.visualRect(view.model().index(0, 0))
    text = tooltip_at(view, QPoint(rect.center().x(), rect.top() + 30))
    assert text.startswith("<table")
    label = visible_tip_label()
    metrics = QFontMetrics(QToolTip.font())
    assert metrics.horizontalAdvance(hypothesis) > 1.5 * label.width()
    assert label.width() <= metrics.averageCharWidth() * (READABLE_CHARS + 8)
    QToolTip.hideText()


# --- the thresholds dialog ----------------------------------------------------------------


def test_the_thresholds_dialog_is_a_form_that_explains_the_quadrants(qtbot):
    dialog = ThresholdsDialog(Thresholds(3, 3))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.impact_name.text() == "Moderate and above"
    assert "Quick wins" in dialog.summary.text() and "impact 3–5" in dialog.summary.text()
    dialog.impact.setValue(4)
    dialog.effort.setValue(2)
    assert dialog.impact_name.text() == "Major and above"
    assert "effort 2–5" in dialog.summary.text() and "impact 1–3" in dialog.summary.text()
    assert dialog.thresholds() == Thresholds(4, 2)
    labels = {
        label.buddy(): label.text()
        for label in dialog.findChildren(type(dialog.impact_name))
        if label.buddy() is not None
    }
    assert labels == {dialog.impact: "High &impact from:", dialog.effort: "High &effort from:"}
    assert dialog.impact.minimum() == 2 and dialog.impact.maximum() == 5
    restore = dialog.buttons.button(dialog.buttons.StandardButton.RestoreDefaults)
    restore.click()
    assert dialog.thresholds() == Thresholds()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert tab_stops(dialog) == [dialog.impact, dialog.effort, ok, cancel, restore]
    assert dialog.focusWidget() is dialog.impact
