"""What the People view reads about a partner, gathered once per refresh.

Kept free of widgets: the directory, the detail pane and the tests read the
same rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from ldboard.domain.enums import ItemRole, PersonLevel, Verdict
from ldboard.domain.intake import TRIAGE_LABELS, PartnerRole
from ldboard.domain.model import Person
from ldboard.domain.stakeholders import Stance, stance
from ldboard.store import Board

#: Tables whose changes can alter what a partner's initiatives look like.
INITIATIVE_TABLES = ("items", "item_people", "intake_partners", "intakes", "columns", "people")

#: Role names in the order they are listed: who asked, who backs it, who builds it.
ROLE_ORDER = ("requester", "sponsor", "co_sponsor", "sme")
ROLE_NAMES = {
    "requester": ItemRole.REQUESTER.label,
    "sponsor": PartnerRole.SPONSOR.label,
    "co_sponsor": "Co-sponsor",
    "sme": "SME",
}


@dataclass(frozen=True, slots=True)
class Initiative:
    """One initiative a person is on, with every part they play in it."""

    id: int
    key: str
    title: str
    roles: tuple[str, ...]
    stage: str
    verdict: str

    @property
    def roles_text(self) -> str:
        return ", ".join(ROLE_NAMES.get(role, role) for role in self.roles)

    @property
    def verdict_text(self) -> str:
        return Verdict(self.verdict).label if self.verdict in set(Verdict) else self.verdict


def level_text(level: str | None) -> str:
    return PersonLevel(level).label if level in set(PersonLevel) else ""


def stance_of(person: Person) -> Stance | None:
    return stance(person.influence, person.involvement)


def stance_text(person: Person) -> str:
    found = stance_of(person)
    return found.label if found is not None else "Not on the map"


def initiatives(board: Board, person_id: int) -> list[Initiative]:
    """Every initiative ``person_id`` requests, sponsors, co-sponsors or creates
    (item links and intake partners together), archived ones included, by key."""
    roles: dict[int, set[str]] = {}
    told: dict[int, set[str]] = {}  # the roles the intake names
    for link in board.rows("item_people", "person_id = ?", (person_id,)):
        roles.setdefault(link["item_id"], set()).add(link["role"])
    for link in board.rows("intake_partners", "person_id = ?", (person_id,)):
        roles.setdefault(link["item_id"], set()).add(link["role"])
        told.setdefault(link["item_id"], set()).add(link["role"])
    for item_id, named in told.items():
        # A co-sponsor is linked to the item as a sponsor too: say only the finer part.
        if "co_sponsor" in named and "sponsor" not in named:
            roles[item_id].discard("sponsor")
    stages = {column.id: column.name for column in board.columns()}
    found = []
    for item_id, played in roles.items():
        item = board.item(item_id)
        if item is None:
            continue
        if item.archived_at is not None:
            stage = TRIAGE_LABELS.get(item.triage, "") if item.triage else ""
            stage = f"Archived ({stage})" if stage else "Archived"
        else:
            stage = stages.get(item.column_id, "")
        ordered = tuple(r for r in ROLE_ORDER if r in played) + tuple(
            sorted(played - set(ROLE_ORDER))
        )
        found.append(Initiative(item.id, item.key, item.title, ordered, stage, item.verdict))
    return sorted(found, key=lambda entry: (len(entry.key), entry.key))


def removal_text(board: Board, person: Person) -> str:
    """What goes with ``person`` when they are removed, for the confirmation.

    Said before asking because removing a partner takes their links to
    initiatives, their part in requests and their thanks with them (undo
    brings all of it back).
    """
    linked = {r["item_id"] for r in board.rows("item_people", "person_id = ?", (person.id,))}
    requests = {r["item_id"] for r in board.rows("intake_partners", "person_id = ?", (person.id,))}
    thanks = len(board.rows("thanks", "person_id = ?", (person.id,)))
    actions = len(board.rows("retro_entries", "owner_id = ?", (person.id,)))
    going = []
    if linked:
        going.append(f"their links to {_count(len(linked), 'initiative')}")
    if requests:
        going.append(f"their part in {_count(len(requests), 'request')}")
    if thanks:
        going.append(f"the {_count(thanks, 'thanks entry', 'thanks entries')} they were given")
    if going:
        listed = going[0] if len(going) == 1 else ", ".join(going[:-1]) + " and " + going[-1]
        text = f"Going with them: {listed} (archived items included)."
    else:
        text = f"{person.name} is on no initiative or request and has no thanks."
    if actions:
        text += f" The {_count(actions, 'retro action')} they own become yours."
    return f"{text} Edit → Undo brings it all back."


def _count(count: int, one: str, many: str | None = None) -> str:
    return f"1 {one}" if count == 1 else f"{count} {many or one + 's'}"
