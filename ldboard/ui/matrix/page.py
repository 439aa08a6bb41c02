"""The Matrix page: the matrix, its toggles, and the initiatives not scored yet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ldboard import ops
from ldboard.domain.cards import Card
from ldboard.domain.matrix import cell_of
from ldboard.ops.scoring import WEIGHTED, scoring_mode
from ldboard.paths import data_dir
from ldboard.ui.cards.board_model import BoardModel
from ldboard.ui.matrix.card_list import CardListModel, InitiativeList
from ldboard.ui.matrix.export import ExportError, png_bytes, render_image, svg_bytes, write_file
from ldboard.ui.matrix.scene import MatrixScene
from ldboard.ui.matrix.thresholds_dialog import ThresholdsDialog
from ldboard.ui.matrix.view import MatrixView
from ldboard.ui.screen import ScreenContext


class MatrixPage(QWidget):
    open_requested = Signal(int)
    status_message = Signal(str)

    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matrixPage")
        self.board_model = board_model = context.cards
        self.session = context.session
        self.prompter = context.prompter
        self._dirty = True
        self._overflow_window: OverflowWindow | None = None

        self.scene = MatrixScene(self.font(), self)
        self.scene.hypothesis_of = self.session.board.hypothesis_of
        self.session.read_only_changed.connect(self._set_read_only)
        self.view = MatrixView(self.scene, self.session.token, self)
        self.toolbar = self._build_toolbar()
        self.summary = QLabel(self)
        self.summary.setObjectName("matrixSummary")
        self.toolbar.addWidget(self.summary)

        self.unscored_model = CardListModel(board_model, self)
        self.unscored_list = InitiativeList(self.unscored_model, self)
        self.unscored_list.setObjectName("unscoredList")
        self.unscored_list.setAccessibleName("Initiatives not scored yet")
        self.unscored_label = QLabel(self)
        self.unscored_label.setObjectName("unscoredLabel")
        self.unscored_label.setWordWrap(True)
        tray = QFrame(self)
        tray.setObjectName("unscoredTray")
        tray.setFixedWidth(250)
        tray_layout = QVBoxLayout(tray)
        tray_layout.setContentsMargins(8, 8, 8, 8)
        tray_layout.addWidget(self.unscored_label)
        tray_layout.addWidget(self.unscored_list, 1)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.view, 1)
        body.addWidget(tray)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addLayout(body, 1)

        self.scene.rescore_requested.connect(self.rescore)
        self.view.move_requested.connect(self.rescore)
        self.scene.open_requested.connect(self.open_requested)
        self.view.open_requested.connect(self.open_requested)
        self.unscored_list.open_requested.connect(self.open_requested)
        self.view.export_requested.connect(self.export)
        self.scene.overflow_requested.connect(self.show_overflow)
        board_model.cards_updated.connect(self._cards_updated)
        for signal in (
            board_model.reloaded,
            board_model.filter_changed,
            board_model.columns_changed,
            board_model.settings_changed,
        ):
            signal.connect(self.invalidate)

    def _build_toolbar(self) -> QToolBar:
        toolbar = QToolBar("Matrix", self)
        toolbar.setObjectName("matrixToolbar")
        self.hide_done = QAction("Hide Done", self, checkable=True, checked=True)
        self.hide_done.setObjectName("matrixHideDone")
        self.hide_done.setToolTip("Leave out initiatives in Done stages")
        self.thresholds_action = QAction("Thresholds…", self)
        self.thresholds_action.setObjectName("matrixThresholds")
        self.thresholds_action.setToolTip("Where high impact and high effort begin")
        # Which iteration to show is the shared filter bar's iteration choice.
        self.hide_done.toggled.connect(self.invalidate)
        toolbar.addAction(self.hide_done)
        toolbar.addAction(self.thresholds_action)
        self.thresholds_action.triggered.connect(self.edit_thresholds)
        toolbar.addSeparator()
        self.export_png_action = toolbar.addAction("Export PNG…", lambda: self.export("png"))
        self.export_svg_action = toolbar.addAction("Export SVG…", lambda: self.export("svg"))
        toolbar.addAction("Copy Image", lambda: self.export("clipboard"))
        toolbar.addSeparator()
        self._set_read_only(self.session.read_only)
        return toolbar

    def _set_read_only(self, read_only: bool) -> None:
        self.scene.read_only = read_only
        self.thresholds_action.setEnabled(not read_only)

    # --- what the matrix shows -------------------------------------------------------

    def criteria(self) -> Callable[[Card], bool]:
        """Which cards the matrix shows: the shared filter bar (text, tag, person,
        iteration), then this page's Hide Done.

        Everything that needs the file or the filter text is looked up once here,
        not once per card.
        """
        card_filter = self.board_model.card_filter
        matcher = card_filter.matcher() if card_filter.active else None
        hide_done = self.hide_done.isChecked()
        is_done = self.board_model.is_done_column

        def shows(card: Card) -> bool:
            if matcher is not None and not matcher(card):
                return False
            return not (hide_done and is_done(card.column_id))

        return shows

    def invalidate(self, *_args: object) -> None:
        """Rebuild now if the page is on screen, otherwise when it is next shown."""
        self._dirty = True
        if self.isVisible():
            self.rebuild()

    def rebuild(self) -> None:
        self._dirty = False
        columns = self.board_model.columns
        self.scene.set_stages({c.id: (n, c.name) for n, c in enumerate(columns)})
        self.scene.set_thresholds(self.board_model.thresholds)
        self.scene.title = f"Impact / effort — {self.session.board.name}"
        self.scene.today = self.session.board.today()
        # The board model re-reads the score on a change to meta and emits
        # settings_changed, which brings us here: cells are sorted again below.
        self.scene.by_weighted_score = scoring_mode(self.session.board) == WEIGHTED
        shows = self.criteria()
        cards = [c for c in self.board_model.all_cards() if shows(c)]
        self.scene.set_cards(cards)
        self._refresh_unscored(cards)
        self._refresh_summary()
        self._refresh_overflow_window()

    def _cards_updated(self, ids: set[int]) -> None:
        if not self.isVisible() or self._dirty:
            self._dirty = True
            return
        changed: dict[int, Card | None] = {}
        unscored_touched = False
        tray = set(self.unscored_model.ids())
        shows = self.criteria()
        for item_id in ids:
            card = self.board_model.cached(item_id)
            shown = card if card is not None and shows(card) else None
            changed[item_id] = shown
            if item_id in tray or (
                shown is not None and cell_of(shown.impact, shown.effort) is None
            ):
                unscored_touched = True
        self.scene.update_cards(changed)
        if unscored_touched:
            self._refresh_unscored([c for c in self.board_model.all_cards() if shows(c)])
        self._refresh_summary()
        self._refresh_overflow_window()

    def _refresh_unscored(self, cards: list[Card]) -> None:
        positions = {c.id: n for n, c in enumerate(self.board_model.columns)}
        unscored = sorted(
            (c for c in cards if cell_of(c.impact, c.effort) is None),
            key=lambda c: (positions.get(c.column_id, 999), c.rank),
        )
        self.unscored_model.set_ids([c.id for c in unscored])
        if unscored:
            self.unscored_label.setText(
                f"<b>Not scored yet ({len(unscored)})</b><br>"
                "Drag one onto the matrix to give it an impact and an effort."
            )
        else:
            self.unscored_label.setText("<b>Every initiative shown is scored.</b>")

    def _refresh_summary(self) -> None:
        placed = sum(len(self.scene.cell_cards(i, e)) for i in range(1, 6) for e in range(1, 6))
        waiting = self.unscored_model.rowCount()
        self.summary.setText(f"  {placed} on the matrix · {waiting} not scored")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.rebuild()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- actions -----------------------------------------------------------------------------

    def rescore(self, item_id: int, impact: int, effort: int) -> None:
        change = self.session.perform(ops.rescore_item, item_id, impact, effort)
        if change is not None:
            card = self.board_model.cached(item_id)
            key = card.key if card is not None else "The initiative"
            self.status_message.emit(f"{key}: impact {impact}, effort {effort}. Undo with Ctrl+Z.")
            self.view.select_item(item_id)

    def edit_thresholds(self) -> None:
        dialog = ThresholdsDialog(self.board_model.thresholds, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            chosen = dialog.thresholds()
            self.session.perform(ops.set_thresholds, chosen.impact, chosen.effort)

    def export(self, kind: str) -> Path | None:
        """Export as "png" or "svg" (asking where), or copy to the clipboard."""
        if self._dirty:
            self.rebuild()
        if kind == "clipboard":
            QApplication.clipboard().setImage(render_image(self.scene))
            self.status_message.emit("The matrix is on the clipboard; paste it into a slide.")
            return None
        board = self.session.board
        folder = board.path.parent if board.path is not None else data_dir()
        suggested = folder / f"{board.name} matrix.{kind}"
        path = self.prompter.save_path(f"Export matrix as {kind.upper()}", suggested, kind)
        if path is None:
            return None
        try:
            data = (
                png_bytes(self.scene) if kind == "png" else svg_bytes(self.scene, self.scene.title)
            )
            write_file(path, data)
        except ExportError as error:
            self.prompter.warn("Export matrix", str(error))
            return None
        self.status_message.emit(f"Exported the matrix to {path}")
        return path

    def show_overflow(self, impact: int, effort: int) -> QDialog:
        if self._overflow_window is None:
            self._overflow_window = OverflowWindow(self.board_model, self)
            self._overflow_window.list.open_requested.connect(self.open_requested)
        self._overflow_window.show_cell(self.scene, impact, effort)
        return self._overflow_window

    def _refresh_overflow_window(self) -> None:
        window = self._overflow_window
        if window is not None and window.isVisible():
            window.show_cell(self.scene, *window.cell)


class OverflowWindow(QDialog):
    """The initiatives a crowded cell could not show; drag them or open them."""

    def __init__(self, board_model: BoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool)
        self.setObjectName("matrixOverflow")
        self.cell = (0, 0)
        self.model = CardListModel(board_model, self)
        self.list = InitiativeList(self.model, self)
        self.list.setObjectName("matrixOverflowList")
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self.resize(360, 320)

    def show_cell(self, scene: MatrixScene, impact: int, effort: int) -> None:
        self.cell = (impact, effort)
        hidden = scene.hidden_cards(impact, effort)
        self.model.set_ids([c.id for c in hidden])
        self.setWindowTitle(f"Impact {impact} · Effort {effort}")
        self.heading.setText(
            f"<b>{len(hidden)} more</b> with impact {impact} and effort {effort}. "
            "Drag one onto another cell to rescore it, or double-click to open it."
        )
        self.show()
        self.raise_()
