"""The reference the matrix is compared with: one widget per item in a grid of cells.

This is the obvious way to build the impact/effort matrix with Qt widgets, and
the one ldboard avoids (docs/architecture.md): a ``QGridLayout`` of 25 cell
``QFrame``s, each a header ``QLabel`` above a ``QScrollArea`` whose column
(``QVBoxLayout``) holds one ``QLabel`` per item of the cell. Every item gets its
widget: there is no "+N more", a crowded cell scrolls instead. It shows the
items ldboard's matrix shows by default (scored, not in a Done column), in
ldboard's order within a cell (stage, then rank), read from the same board file,
in a window the size of ldboard's matrix view.

Like ``widget_reference.py`` it is a simple, non-virtualised baseline: no style
sheet, no axes, legend or quadrant shading, no tray of unscored items, and a
widget for every item in sight or not. It is not a lower bound for every
widget matrix: one that made widgets only for the items in sight would cost less.
"""

from __future__ import annotations

import bisect
from pathlib import Path

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.cards import Card
from ldboard.domain.matrix import SCORES, cell_of
from ldboard.store import Board

#: ldboard's matrix view in its 1440×860 main window (the benchmark passes the measured size).
MATRIX_SIZE = (1190, 747)

Cell = tuple[int, int]
Order = tuple[int, float]


class ChipLabel(QLabel):
    """One item: key and title on a framed label."""

    def __init__(self, card: Card, order: Order, parent: QWidget | None = None) -> None:
        super().__init__(f"{card.key}  {card.title}", parent)
        self.card_id = card.id
        self.order = order
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)


class CellFrame(QFrame):
    """A header with the cell's count above a scrolling column of its item labels."""

    def __init__(self, cell: Cell, chips: list[tuple[Order, Card]], parent: QWidget) -> None:
        super().__init__(parent)
        self.cell = cell
        self.setFrameShape(QFrame.Shape.Box)
        self.header = QLabel(self)
        self.content = QWidget()
        self.chips_layout = QVBoxLayout(self.content)
        self.chips_layout.setContentsMargins(4, 4, 4, 4)
        self.chips_layout.setSpacing(3)
        self.chips: list[ChipLabel] = []
        for order, card in chips:
            chip = ChipLabel(card, order, self.content)
            self.chips.append(chip)
            self.chips_layout.addWidget(chip)
        self.chips_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.header)
        layout.addWidget(scroll, 1)
        self.refresh_header()

    def refresh_header(self) -> None:
        impact, effort = self.cell
        self.header.setText(f"Impact {impact} · Effort {effort}    {len(self.chips)}")

    def take(self, chip: ChipLabel) -> None:
        self.chips.remove(chip)
        self.chips_layout.removeWidget(chip)
        self.refresh_header()

    def put(self, chip: ChipLabel) -> None:
        """Insert ``chip`` where its order puts it."""
        position = bisect.bisect_left([c.order for c in self.chips], chip.order)
        self.chips.insert(position, chip)
        chip.setParent(self.content)
        self.chips_layout.insertWidget(position, chip)
        chip.show()
        self.refresh_header()


class ReferenceMatrix(QWidget):
    """The 5×5 grid: impact grows upwards, effort to the right. Empty until ``fill``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setSpacing(0)
        self.cells: dict[Cell, CellFrame] = {}

    def fill(self, cards: list[Card], stages: dict[int, int], done: set[int]) -> None:
        """Group the shown cards by cell, order each cell and build every widget."""
        by_cell: dict[Cell, list[tuple[Order, Card]]] = {}
        for card in cards:
            cell = cell_of(card.impact, card.effort)
            if cell is not None and card.column_id not in done:
                order = (stages.get(card.column_id, 999), card.rank)
                by_cell.setdefault(cell, []).append((order, card))
        for impact in SCORES:
            for effort in SCORES:
                chips = sorted(by_cell.get((impact, effort), []), key=lambda pair: pair[0])
                cell = self.cells[impact, effort] = CellFrame((impact, effort), chips, self)
                self.grid.addWidget(cell, len(SCORES) - impact, effort - 1)

    def cell_holding(self, chip: ChipLabel) -> CellFrame:
        return next(cell for cell in self.cells.values() if chip.parentWidget() is cell.content)

    def move_chip(self, chip: ChipLabel, cell: Cell) -> None:
        """What a rescore does here: re-parent the label into the other cell's column.

        Both columns are laid out at once (the scene relays out its two cells in
        the rescore, too), so a repaint that follows shows the label in place.
        """
        source = self.cell_holding(chip)
        source.take(chip)
        target = self.cells[cell]
        target.put(chip)
        source.chips_layout.activate()
        target.chips_layout.activate()

    def placed(self) -> int:
        return sum(len(cell.chips) for cell in self.cells.values())


class ReferenceWindow(QStackedWidget):
    """A placeholder page (the board) and the matrix page, built when first shown."""

    def __init__(
        self,
        cards: list[Card],
        stages: dict[int, int],
        done: set[int],
        size: tuple[int, int] = MATRIX_SIZE,
    ) -> None:
        super().__init__()
        self.setWindowTitle("widget-per-item matrix reference")
        self._cards, self._stages, self._done = cards, stages, done
        self.addWidget(QLabel("the board", self))
        self.matrix = ReferenceMatrix(self)
        self.addWidget(self.matrix)
        self.resize(*size)

    def show_matrix(self) -> None:
        if not self.matrix.cells:
            self.matrix.fill(self._cards, self._stages, self._done)
        self.setCurrentWidget(self.matrix)


def build_reference_window(
    path: Path | str, size: tuple[int, int] = MATRIX_SIZE
) -> ReferenceWindow:
    """Read the board's columns and cards (the same query ldboard uses); build nothing yet."""
    board = Board.open(path, create=False)
    try:
        columns = board.columns()
        cards = board.cards()
    finally:
        board.close()
    stages = {column.id: position for position, column in enumerate(columns)}
    done = {column.id for column in columns if column.category == "done"}
    return ReferenceWindow(cards, stages, done, size)
