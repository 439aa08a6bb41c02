"""A Trello export (``reading.py``) → an :class:`~ldboard.ops.importing.ImportPlan`.

Lists become stages in Trello's order, empty ones included (archived lists
are not made columns: their cards come in archived, into the board's first
column, and an empty archived list is reported). A card keeps its name,
description (Markdown), due date, creation time, archive state, labels (a
label without a name is named after its colour; one without a colour gets a
neutral one), its checklists (with the checklist's name before each item when
a card has several), its comments as notes with their author and date, and
its attachments' names and addresses in a note. Members of a card become its
subject-matter experts (in Trello they are the people doing the work).

A card's history comes too: when it was created and its moves between lists,
with Trello's dates (``ImportPlan.dated``; ``ops/import_history.py`` makes the
moves consistent). A move to an archived list or to a list the export does not
have is left out, and the plan says how many were.
"""

from __future__ import annotations

from ldboard.domain.enums import ItemRole
from ldboard.io.trello_import.reading import TrelloBoard, TrelloCard, TrelloList
from ldboard.ops.importing import ImportPlan, ImportRow
from ldboard.store import Board

#: Trello's label colours as the board shows them; "" (no colour) is neutral.
COLORS = {
    "green": "#4bce97",
    "yellow": "#e2b203",
    "orange": "#faa53d",
    "red": "#f87462",
    "purple": "#9f8fef",
    "blue": "#579dff",
    "sky": "#6cc3e0",
    "lime": "#94c748",
    "pink": "#e774bb",
    "black": "#8590a2",
    "": "#94a3b8",
}


def plan_trello(board: Board, trello: TrelloBoard) -> ImportPlan:
    """What importing ``trello`` into ``board`` would do; writes nothing."""
    lists = {item.id: item for item in trello.lists}
    labels = {label.id: _label_name(label.name, label.color) for label in trello.labels.values()}
    colors = {
        _label_name(label.name, label.color).casefold(): _color(label.color)
        for label in trello.labels.values()
    }
    notices = list(trello.notices)
    with_cards = {card.list_id for card in trello.cards}
    for item in trello.lists:
        if item.archived and item.id not in with_cards:
            notices.append(f"The archived list “{item.name}” is empty: nothing to import from it.")
    rows = tuple(
        _row(n, card, lists, labels, trello) for n, card in enumerate(trello.cards, start=1)
    )
    notices += _history_notices(trello, lists)
    columns = {c.name.casefold() for c in board.columns()}
    stages = tuple(item.name for item in trello.lists if not item.archived)
    people = {p.name.casefold() for p in board.people()}
    tags = {t.name.casefold() for t in board.tags()}
    wanted_people = {name for row in rows for name, _ in row.people}
    wanted_tags = {name for row in rows for name in row.tags}
    problems = [
        f"{trello.source}: $.cards[{n - 1}].name: a card needs a name."
        for n, row in enumerate(rows, start=1)
        if not row.fields["title"].strip()
    ]
    return ImportPlan(
        trello.source,
        rows,
        problems=tuple(problems),
        notices=tuple(notices),
        new_columns=tuple(s for s in stages if s.casefold() not in columns),
        new_tags=tuple(sorted(t for t in wanted_tags if t.casefold() not in tags)),
        new_people=tuple(sorted(p for p in wanted_people if p.casefold() not in people)),
        stages=stages,
        tag_colors=colors,
        dated=True,
    )


def _row(
    n: int,
    card: TrelloCard,
    lists: dict[str, TrelloList],
    labels: dict[str, str],
    trello: TrelloBoard,
) -> ImportRow:
    where = lists[card.list_id]
    fields = {"title": card.name.strip()[:200] or card.name, "description": card.description}
    if card.due:
        fields["due"] = card.due[:10]
    several = len(card.checklists) > 1
    checklist = tuple(
        (f"{checklist.name}: {item.text}" if several and checklist.name else item.text, item.done)
        for checklist in card.checklists
        for item in checklist.items
        if item.text.strip()
    )
    notes = [
        (f"{comment.author}: {comment.text}" if comment.author else comment.text, comment.at)
        for comment in card.comments
        if comment.text.strip()
    ]
    if card.attachments:
        lines = "\n".join(f"- {name}: {url}" for name, url in card.attachments)
        notes.append((f"Attachments in Trello (files not imported):\n{lines}", trello_time(card)))
    if where.archived:
        notes.append((f"From the archived Trello list “{where.name}”.", trello_time(card)))
    members = tuple(
        (trello.members[m], ItemRole.SME.value) for m in card.members if trello.members.get(m)
    )
    moves = tuple(
        (_stage(lists.get(move.from_list)), _stage(lists.get(move.to_list)), move.at)
        for move in card.moves
    )
    return ImportRow(
        n,
        fields,
        stage=None if where.archived else where.name,
        tags=tuple(labels[label] for label in card.labels if label in labels),
        people=members,
        archived=card.archived or where.archived,
        created_at=card.created_at,
        checklist=checklist,
        notes=tuple(notes),
        moves=moves,
    )


def _stage(where: TrelloList | None) -> str | None:
    """The stage a list is (``None``: an archived list or one the export lacks)."""
    return where.name if where is not None and not where.archived else None


def _history_notices(trello: TrelloBoard, lists: dict[str, TrelloList]) -> list[str]:
    """What the cards' histories will leave out or date at the import."""
    dropped = unfinished = 0
    for card in trello.cards:
        kept = [m for m in card.moves if _stage(lists.get(m.to_list)) is not None]
        dropped += len(card.moves) - len(kept)
        if kept and not lists[card.list_id].archived and kept[-1].to_list != card.list_id:
            unfinished += 1
    notices = []
    if dropped:
        notices.append(
            f"{dropped:,} move{'s' if dropped != 1 else ''} to archived lists or to lists "
            "the export does not have are left out of the cards' histories."
        )
    if unfinished:
        notices.append(
            f"The moves of {unfinished:,} card{'s' if unfinished != 1 else ''} end in "
            "another list than the card is in (older moves missing from the export?): "
            "the move to its list is dated at the import."
        )
    return notices


def trello_time(card: TrelloCard) -> str:
    """A note's time when Trello gives none: the card's creation, else its first comment."""
    return card.created_at or (card.comments[0].at if card.comments else "1970-01-01T00:00:00Z")


def _label_name(name: str, color: str) -> str:
    return name.strip() or (color.replace("_", " ").capitalize() if color else "Label")


def _color(color: str) -> str:
    return COLORS.get(color.split("_")[0], COLORS[""])
