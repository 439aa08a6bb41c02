"""A Trello board's JSON export (Board menu → Print, export and share → Export as
JSON) read into plain data, checked, and nothing written.

What is read, in Trello's own terms: ``lists`` (``pos`` gives their order,
``closed`` means archived), ``cards`` (``idList``, ``pos``, ``closed``,
``desc`` in Markdown, ``due``, ``idLabels``, ``idMembers``, ``attachments``),
``labels`` (a label may have no name, or no colour), ``checklists``
(``idCard``, ``checkItems`` with ``state`` "complete"/"incomplete"),
``members`` (``fullName``) and ``actions``: ``commentCard`` (a comment, its
date and author) and ``updateCard`` with ``listBefore``/``listAfter`` (a move
between lists). A card's id starts with the time it was created (eight hex
digits of a Unix time), which is the only place an export records it.

Trello puts at most 1,000 actions in an export, newest first: an export that
holds that many may miss older comments and moves, and the reading says so.

Anything that is not such an export is refused with the file and the JSON
path of the problem (``board.json: $.cards[3].idList: …``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

#: Larger files are refused before they are read (a year of a busy board is ~20 MB).
MAX_BYTES = 100 * 1024 * 1024
#: The most actions Trello includes in a JSON export.
ACTION_CAP = 1000


class TrelloError(ValueError):
    """The file is not a Trello board export ldboard can read; nothing was written."""


@dataclass(frozen=True, slots=True)
class TrelloLabel:
    id: str
    name: str
    #: Trello's colour name ("green", "sky", …) or "" for a label without colour.
    color: str


@dataclass(frozen=True, slots=True)
class TrelloList:
    id: str
    name: str
    archived: bool
    pos: float


@dataclass(frozen=True, slots=True)
class TrelloCheckItem:
    text: str
    done: bool


@dataclass(frozen=True, slots=True)
class TrelloChecklist:
    name: str
    items: tuple[TrelloCheckItem, ...]


@dataclass(frozen=True, slots=True)
class TrelloComment:
    text: str
    #: ISO time in UTC ("2026-03-02T09:15:00Z").
    at: str
    author: str


@dataclass(frozen=True, slots=True)
class TrelloMove:
    at: str
    from_list: str
    to_list: str


@dataclass(frozen=True, slots=True)
class TrelloCard:
    id: str
    name: str
    description: str
    list_id: str
    archived: bool
    pos: float
    due: str | None
    labels: tuple[str, ...]
    members: tuple[str, ...]
    #: (name, url) of each attachment: the files themselves are not in the export.
    attachments: tuple[tuple[str, str], ...]
    created_at: str | None
    checklists: tuple[TrelloChecklist, ...] = ()
    comments: tuple[TrelloComment, ...] = ()
    moves: tuple[TrelloMove, ...] = ()


@dataclass(slots=True)
class TrelloBoard:
    source: str
    name: str
    #: In Trello order (by ``pos``), archived ones included.
    lists: list[TrelloList] = field(default_factory=list)
    #: In board order: list by list, then by ``pos``.
    cards: list[TrelloCard] = field(default_factory=list)
    labels: dict[str, TrelloLabel] = field(default_factory=dict)
    #: Member id → full name.
    members: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


def read_trello_file(path: Path | str) -> TrelloBoard:
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise TrelloError(
            f"{path.name}: the file is {size / 1e6:.0f} MB; a Trello export this large is "
            f"not supported (the limit is {MAX_BYTES / 1e6:.0f} MB)."
        )
    return read_trello_bytes(path.read_bytes(), path.name)


def read_trello_bytes(data: bytes, source: str) -> TrelloBoard:
    if b"\x00" in data[:4096]:
        raise TrelloError(f"{source}: this is a binary file, not a Trello JSON export.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TrelloError(f"{source}: not UTF-8 text (byte {error.start}).") from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise TrelloError(
            f"{source}: line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})."
        ) from error
    return _Reader(source).board(document)


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> TrelloError:
        return TrelloError(f"{self.source}: {where}: {message}")

    def array(self, document: dict, key: str, required: bool = True) -> list:
        value = document.get(key, None if required else [])
        if not isinstance(value, list):
            if value is None and required:
                raise self.fail(
                    "$",
                    f"this JSON is not a Trello board export (it has no “{key}”). In Trello, "
                    "use the board menu → Print, export and share → Export as JSON.",
                )
            raise self.fail(f"$.{key}", "should be a list")
        return value

    def text(self, thing: Any, key: str, where: str, default: str | None = None) -> str:
        value = thing.get(key, default) if isinstance(thing, dict) else None
        if value is None and default is not None:
            return default
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", "should be text")
        return value

    def number(self, thing: dict, key: str, where: str) -> float:
        value = thing.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{where}.{key}", "should be a number")
        return float(value)

    def objects(self, items: list, where: str) -> list[tuple[str, dict]]:
        found = []
        for n, thing in enumerate(items):
            if not isinstance(thing, dict):
                raise self.fail(f"{where}[{n}]", "should be an object")
            found.append((f"{where}[{n}]", thing))
        return found

    def board(self, document: Any) -> TrelloBoard:
        if not isinstance(document, dict):
            raise self.fail("$", "this JSON is not a Trello board export (not an object).")
        lists_raw = self.array(document, "lists")
        cards_raw = self.array(document, "cards")
        board = TrelloBoard(self.source, self.text(document, "name", "$", default=""))
        for where, raw in self.objects(lists_raw, "$.lists"):
            board.lists.append(
                TrelloList(
                    self.text(raw, "id", where),
                    self.text(raw, "name", where),
                    bool(raw.get("closed", False)),
                    self.number(raw, "pos", where),
                )
            )
        board.lists.sort(key=lambda item: item.pos)
        for where, raw in self.objects(self.array(document, "labels", False), "$.labels"):
            label = TrelloLabel(
                self.text(raw, "id", where),
                self.text(raw, "name", where, default=""),
                self.text(raw, "color", where, default=""),
            )
            board.labels[label.id] = label
        for where, raw in self.objects(self.array(document, "members", False), "$.members"):
            name = raw.get("fullName") or raw.get("username") or ""
            board.members[self.text(raw, "id", where)] = str(name)
        checklists = self.checklists(document)
        actions = self.array(document, "actions", False)
        comments, moves = self.actions(actions, board.members)
        lists = {item.id: item for item in board.lists}
        cards = []
        for where, raw in self.objects(cards_raw, "$.cards"):
            card_id = self.text(raw, "id", where)
            list_id = self.text(raw, "idList", where)
            if list_id not in lists:
                raise self.fail(
                    f"{where}.idList", f"names a list the export does not have ({list_id})"
                )
            cards.append(
                TrelloCard(
                    card_id,
                    self.text(raw, "name", where),
                    self.text(raw, "desc", where, default=""),
                    list_id,
                    bool(raw.get("closed", False)),
                    self.number(raw, "pos", where),
                    self.optional_time(raw, "due", where),
                    tuple(self.ids(raw, "idLabels", where)),
                    tuple(self.ids(raw, "idMembers", where)),
                    tuple(self.attachments(raw, where)),
                    created_from_id(card_id),
                    tuple(c for _, c in sorted(checklists.get(card_id, []), key=_first)),
                    tuple(sorted(comments.get(card_id, []), key=lambda c: c.at)),
                    tuple(sorted(moves.get(card_id, []), key=lambda m: m.at)),
                )
            )
        order = {item.id: n for n, item in enumerate(board.lists)}
        board.cards = sorted(cards, key=lambda card: (order[card.list_id], card.pos))
        if len(actions) >= ACTION_CAP:
            oldest = min((a.get("date", "") for a in actions if isinstance(a, dict)), default="")
            board.notices.append(
                f"{self.source}: the export holds {len(actions):,} actions, the most Trello "
                f"includes: comments and moves older than {oldest[:10] or 'the oldest one'} "
                "may be missing."
            )
        return board

    def checklists(self, document: dict) -> dict[str, list[tuple[float, TrelloChecklist]]]:
        found: dict[str, list[tuple[float, TrelloChecklist]]] = {}
        for where, raw in self.objects(self.array(document, "checklists", False), "$.checklists"):
            items = []
            for item_where, item in self.objects(
                raw.get("checkItems", []) if isinstance(raw.get("checkItems", []), list) else [],
                f"{where}.checkItems",
            ):
                items.append(
                    (
                        self.number(item, "pos", item_where),
                        TrelloCheckItem(
                            self.text(item, "name", item_where),
                            item.get("state") == "complete",
                        ),
                    )
                )
            items.sort(key=lambda pair: pair[0])
            checklist = TrelloChecklist(
                self.text(raw, "name", where, default=""), tuple(i for _, i in items)
            )
            card = self.text(raw, "idCard", where)
            found.setdefault(card, []).append((self.number(raw, "pos", where), checklist))
        return found

    def actions(
        self, actions: list, members: dict[str, str]
    ) -> tuple[dict[str, list[TrelloComment]], dict[str, list[TrelloMove]]]:
        comments: dict[str, list[TrelloComment]] = {}
        moves: dict[str, list[TrelloMove]] = {}
        for where, raw in self.objects(actions, "$.actions"):
            data = raw.get("data") if isinstance(raw.get("data"), dict) else {}
            card = data.get("card") if isinstance(data.get("card"), dict) else {}
            card_id = card.get("id")
            if not isinstance(card_id, str):
                continue
            at = self.time(raw.get("date"), f"{where}.date")
            kind = raw.get("type")
            if kind == "commentCard":
                creator = (
                    raw.get("memberCreator") if isinstance(raw.get("memberCreator"), dict) else {}
                )
                author = creator.get("fullName") or members.get(str(raw.get("idMemberCreator")), "")
                comments.setdefault(card_id, []).append(
                    TrelloComment(self.text(data, "text", f"{where}.data"), at, str(author or ""))
                )
            elif kind == "updateCard" and isinstance(data.get("listAfter"), dict):
                before = data.get("listBefore") if isinstance(data.get("listBefore"), dict) else {}
                moves.setdefault(card_id, []).append(
                    TrelloMove(at, str(before.get("id", "")), str(data["listAfter"].get("id", "")))
                )
        return comments, moves

    def ids(self, raw: dict, key: str, where: str) -> list[str]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{where}.{key}", "should be a list of ids")
        return value

    def attachments(self, raw: dict, where: str) -> list[tuple[str, str]]:
        value = raw.get("attachments", [])
        if not isinstance(value, list):
            return []
        found = []
        for _, item in self.objects(value, f"{where}.attachments"):
            url = str(item.get("url") or "")
            found.append((str(item.get("name") or url.rsplit("/", 1)[-1] or "attachment"), url))
        return found

    def optional_time(self, raw: dict, key: str, where: str) -> str | None:
        value = raw.get(key)
        return None if value in (None, "") else self.time(value, f"{where}.{key}")

    def time(self, value: Any, where: str) -> str:
        """Trello's "2026-03-02T09:15:00.000Z" as the board's "2026-03-02T09:15:00Z"."""
        if not isinstance(value, str):
            raise self.fail(where, "should be a date and time")
        try:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is not None:  # in UTC, which may be past year 1 or 9999
                moment = moment.astimezone(UTC).replace(tzinfo=None)
        except (ValueError, OverflowError) as error:
            raise self.fail(where, f"“{_shown(value)}” is not a date and time") from error
        # ``isoformat`` writes a year before 1000 with four digits; ``strftime`` does not.
        return moment.isoformat(timespec="seconds") + "Z"


def _shown(value: str) -> str:
    """A value as a message quotes it: short, and printable whatever it holds."""
    short = value if len(value) <= 40 else value[:40] + "…"
    return short.encode("utf-8", "backslashreplace").decode("utf-8")


def _first(pair: tuple[float, TrelloChecklist]) -> float:
    return pair[0]


def created_from_id(card_id: str) -> str | None:
    """When a card was created, from the Unix time its id starts with."""
    if len(card_id) != 24:
        return None
    try:
        seconds = int(card_id[:8], 16)
    except ValueError:
        return None
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
