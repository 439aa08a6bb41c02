"""The People view's lists, as ``QStandardItemModel``s kept in step with the board.

The rows live in Qt's own model (no Python ``data()`` for Qt to call, so no
``None`` can ever reach it, see DESIGN §7). ``KeyedModel.sync`` updates rows
in place by id, removes the gone and appends the new — never a reset — so
views keep their selection and scroll position while the board changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ldboard.domain.enums import PersonRole
from ldboard.domain.model import Person
from ldboard.domain.practice import Thanks
from ldboard.store import Change
from ldboard.ui.common.person_roles import ROLE_SHORT, ordered_roles
from ldboard.ui.common.session import BoardSession
from ldboard.ui.common.vocabulary_models import ID_ROLE, SORT_ROLE
from ldboard.ui.partners.reads import (
    INITIATIVE_TABLES,
    Initiative,
    initiatives,
    level_text,
    stance_text,
)

Index = QModelIndex | QPersistentModelIndex

#: The drag payload of a person, from the unplaced list onto the map.
PERSON_MIME = "application/x-ldboard-people"


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a row: what it shows, how it sorts, its tooltip."""

    text: str
    #: A string or a number: what the sorting proxy compares (``None``: the text).
    sort: str | int | None = None
    tip: str = ""


class KeyedModel(QStandardItemModel):
    """Rows keyed by an id (``ID_ROLE`` on the first column)."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.setHorizontalHeaderLabels(list(self.HEADERS))

    def ids(self) -> list[int]:
        return [int(self.item(row, 0).data(ID_ROLE)) for row in range(self.rowCount())]

    def row_of(self, record_id: int) -> int:
        for row in range(self.rowCount()):
            if self.item(row, 0).data(ID_ROLE) == record_id:
                return row
        return -1

    def id_at(self, index: Index) -> int | None:
        """The id of the row ``index`` (of this model) is on."""
        if not index.isValid():
            return None
        return int(self.item(index.row(), 0).data(ID_ROLE))

    def sync(self, rows: Iterable[tuple[int, Sequence[Cell]]]) -> None:
        fresh = list(rows)
        wanted = {record_id for record_id, _cells in fresh}
        for row in reversed(range(self.rowCount())):
            if self.item(row, 0).data(ID_ROLE) not in wanted:
                self.removeRow(row)
        for record_id, cells in fresh:
            row = self.row_of(record_id)
            if row < 0:
                items = [QStandardItem() for _ in cells]
                for item in items:
                    item.setEditable(False)
                    item.setDropEnabled(False)
                items[0].setData(record_id, ID_ROLE)
                self._fill(items, cells)
                self.appendRow(items)
            else:
                self._fill([self.item(row, c) for c in range(len(cells))], cells)

    @staticmethod
    def _fill(items: list[QStandardItem], cells: Sequence[Cell]) -> None:
        for item, cell in zip(items, cells, strict=True):
            sort = cell.sort if cell.sort is not None else cell.text.casefold()
            # setData leaves an unchanged value alone: no repaint for rows that did not change.
            item.setData(cell.text, Qt.ItemDataRole.DisplayRole)
            item.setData(sort, SORT_ROLE)
            item.setData(cell.tip or cell.text, Qt.ItemDataRole.ToolTipRole)


class BoardListModel(KeyedModel):
    """A keyed model re-read when a change touches ``TABLES``."""

    TABLES: tuple[str, ...] = ()

    def __init__(self, session: BoardSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        session.changed.connect(self._on_change)

    def _on_change(self, change: Change) -> None:
        if change.touches(*self.TABLES):
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError


class PartnerModel(BoardListModel):
    """The board's people: who they are, their level, the roles they play, their stance."""

    NAME, JOB_ROLE, DEPARTMENT, LEVEL, ROLES, STANCE = range(6)
    HEADERS = ("Name", "Job role", "Department", "Level", "Roles", "Stance")
    TABLES = ("people",)

    def __init__(self, session: BoardSession, parent: QObject | None = None) -> None:
        self.people: dict[int, Person] = {}
        super().__init__(session, parent)
        self.refresh()

    def refresh(self) -> None:
        self.people = {person.id: person for person in self.session.board.people()}
        self.sync((p.id, self._cells(p)) for p in self.people.values())

    @staticmethod
    def _cells(person: Person) -> list[Cell]:
        roles = ordered_roles(person.roles)
        return [
            Cell(person.name, tip=f"{person.name}: {person.wiifm}" if person.wiifm else ""),
            Cell(person.role),
            Cell(person.department),
            Cell(level_text(person.level)),
            Cell(
                ", ".join(ROLE_SHORT[PersonRole(r)] for r in roles),
                tip=", ".join(PersonRole(r).label for r in roles),
            ),
            Cell(stance_text(person)),
        ]


class InitiativeModel(BoardListModel):
    """The initiatives one person is on, with their part, stage and verdict."""

    KEY, TITLE, ROLES, STAGE, VERDICT = range(5)
    HEADERS = ("Key", "Initiative", "Part they play", "Stage", "Verdict")
    TABLES = INITIATIVE_TABLES

    def __init__(self, session: BoardSession, parent: QObject | None = None) -> None:
        super().__init__(session, parent)
        self.person_id: int | None = None
        self.entries: list[Initiative] = []

    def show_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        self.refresh()

    def refresh(self) -> None:
        board = self.session.board
        self.entries = initiatives(board, self.person_id) if self.person_id is not None else []
        self.sync(
            (
                e.id,
                [
                    Cell(e.key, sort=f"{len(e.key):04d}{e.key}"),
                    Cell(e.title),
                    Cell(e.roles_text),
                    Cell(e.stage),
                    Cell(e.verdict_text),
                ],
            )
            for e in self.entries
        )


class ThanksModel(BoardListModel):
    """The thanks given to one person, newest first."""

    DATE, TEXT, INITIATIVE = range(3)
    HEADERS = ("Date", "What for", "Initiative")
    TABLES = ("thanks", "items")

    def __init__(self, session: BoardSession, parent: QObject | None = None) -> None:
        super().__init__(session, parent)
        self.person_id: int | None = None
        self.entries: list[Thanks] = []

    def show_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        self.refresh()

    def refresh(self) -> None:
        board = self.session.board
        self.entries = board.thanks(self.person_id) if self.person_id is not None else []
        keys: dict[int, str] = {}
        for entry in self.entries:
            if entry.item_id is not None and entry.item_id not in keys:
                item = board.item(entry.item_id)
                keys[entry.item_id] = f"{item.key} {item.title}" if item else ""
        self.sync(
            (
                entry.id,
                [
                    Cell(entry.given_on, sort=f"{entry.given_on}#{entry.id:012d}"),
                    Cell(entry.text),
                    Cell(keys.get(entry.item_id, "") if entry.item_id is not None else ""),
                ],
            )
            for entry in self.entries
        )


class UnplacedModel(KeyedModel):
    """People not on the stakeholder map yet; dragging one carries its id."""

    HEADERS = ("Name",)

    def __init__(self, token: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._token = token

    def show(self, people: Iterable[Person], describe: Callable[[Person], str]) -> None:
        self.sync((p.id, [Cell(p.name, tip=describe(p))]) for p in people)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [PERSON_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = sorted({self.id_at(index) for index in indexes if index.isValid()} - {None})
        return encode_people(self._token, ids)  # type: ignore[arg-type]


def encode_people(token: str, ids: Iterable[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(PERSON_MIME, json.dumps({"session": token, "people": list(ids)}).encode())
    return mime


def decode_people(mime: QMimeData, token: str) -> list[int]:
    """Person ids in a drag made in this session, or ``[]`` for anything else."""
    if not mime.hasFormat(PERSON_MIME):
        return []
    try:
        payload = json.loads(bytes(mime.data(PERSON_MIME).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return []
    if not isinstance(payload, dict) or payload.get("session") != token:
        return []
    return [i for i in payload.get("people", []) if isinstance(i, int) and not isinstance(i, bool)]
