"""Synthetic boards for the benchmarks.

A board is created with ``Board.open`` (so the schema, migrations and
``application_id`` are exactly what ldboard writes), then filled with rows in
one transaction. This is test data, not a user action: going through ``ops``
for 10,000 items would take minutes and would measure the generator, not the
board.

Most cards go to the first column so that "10,000 cards in the destination
column" holds for the drop benchmark; every other column gets ``OTHER_COLUMN_SIZE``.

Run directly to keep a board for manual inspection::

    .venv/bin/python benchmarks/generate.py /tmp/big.ldboard 10000
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``ldboard`` importable from the tree
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ldboard.store import Board

OTHER_COLUMN_SIZE = 100
RANK_STEP = 1024.0
SEED = 20261123

_VERBS = (
    "Onboarding",
    "Upskilling",
    "Coaching",
    "Refresher",
    "Certification",
    "Induction",
    "Masterclass",
    "Bootcamp",
    "Clinic",
    "Playbook",
    "Toolkit",
    "Pathway",
)
_TOPICS = (
    "negotiation",
    "data literacy",
    "feedback conversations",
    "safety procedures",
    "CRM hygiene",
    "product knowledge",
    "inclusive hiring",
    "time management",
    "cyber security",
    "customer empathy",
    "project estimation",
    "conflict resolution",
    "presentation skills",
    "budget planning",
    "quality audits",
    "remote leadership",
)
_AUDIENCES = (
    "new sales reps",
    "first-time managers",
    "warehouse team leads",
    "support agents",
    "field engineers",
    "finance partners",
    "the graduate cohort",
    "regional directors",
    "nurses on night shifts",
    "franchise owners",
)
_FORMATS = (
    "microlearning",
    "a job aid",
    "a blended workshop",
    "peer coaching",
    "a webinar series",
    "mentoring circles",
)
_TAGS = (
    ("onboarding", "#2563eb"),
    ("compliance", "#64748b"),
    ("leadership", "#db2777"),
    ("sales", "#16a34a"),
    ("digital", "#0891b2"),
    ("quick win", "#f59e0b"),
    ("pilot", "#7c3aed"),
    ("sme needed", "#b45309"),
    ("q3", "#475569"),
    ("q4", "#475569"),
    ("emea", "#0f766e"),
    ("americas", "#0f766e"),
    ("apac", "#0f766e"),
    ("mandatory", "#dc2626"),
    ("repurpose", "#65a30d"),
)
_FIRST = ("Ana", "Ben", "Chloé", "Dev", "Emeka", "Fatima", "Grace", "Hiro", "Ines", "Jonas")
_LAST = ("Okafor", "Lindqvist", "Moreau", "Patel", "Rossi", "Nakamura", "Silva", "Berg")
_DRIVERS = ("revenue", "skills_gap", "retention", "compliance", "customer_experience")
_DRIVERS += ("productivity", "other", None)
_VERDICTS = ("untested",) * 7 + ("validated", "invalidated", "inconclusive")
_FORMAT_VALUES = ("course", "microlearning", "job_aid", "coaching", "workshop", "webinar")


@dataclass(frozen=True)
class GeneratedBoard:
    """Where the cards went, so the benchmark knows its source and destination columns."""

    path: Path
    items: int
    column_ids: tuple[int, ...]
    column_sizes: dict[int, int]

    @property
    def big_column(self) -> int:
        return max(self.column_sizes, key=self.column_sizes.__getitem__)


def column_sizes(total: int, columns: int) -> list[int]:
    """Cards per column: the first holds all but ``OTHER_COLUMN_SIZE`` per other column."""
    others = min(OTHER_COLUMN_SIZE, total // columns)
    sizes = [others] * columns
    sizes[0] = total - others * (columns - 1)
    return sizes


def title(rng: random.Random) -> str:
    """A plausible initiative title between ~25 and ~150 characters."""
    text = f"{rng.choice(_VERBS)}: {rng.choice(_TOPICS)} for {rng.choice(_AUDIENCES)}"
    if rng.random() < 0.5:
        text += f" through {rng.choice(_FORMATS)}"
    if rng.random() < 0.25:
        text += f", starting with {rng.choice(_AUDIENCES)} in {rng.choice(_TAGS)[0]}"
    return text[:200]


def long_text(rng: random.Random, sentences: int) -> str:
    parts = []
    for _ in range(sentences):
        parts.append(
            f"{rng.choice(_AUDIENCES).capitalize()} need {rng.choice(_TOPICS)} "
            f"delivered as {rng.choice(_FORMATS)}."
        )
    return " ".join(parts)


def generate_board(path: Path | str, items: int, *, seed: int = SEED) -> GeneratedBoard:
    """Create ``path`` as a fresh board holding ``items`` active cards."""
    path = Path(path)
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    rng = random.Random(seed)
    board = Board.open(path)
    try:
        conn = board.db.conn
        column_ids = tuple(c.id for c in board.columns())
        sizes = column_sizes(items, len(column_ids)) if items else [0] * len(column_ids)
        with board.db.atomic():
            tag_ids = _insert_tags(conn)
            person_ids = _insert_people(conn, rng)
            _insert_items(conn, rng, column_ids, sizes, tag_ids, person_ids)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        board.close()
    return GeneratedBoard(path, items, column_ids, dict(zip(column_ids, sizes, strict=True)))


def _insert_tags(conn) -> list[int]:
    conn.executemany("INSERT INTO tags (name, color) VALUES (?, ?)", _TAGS)
    return [row[0] for row in conn.execute("SELECT id FROM tags ORDER BY id")]


def _insert_people(conn, rng: random.Random) -> list[int]:
    names = sorted({f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(60)})
    roles = '["stakeholder", "sponsor", "sme"]'
    conn.executemany(
        "INSERT INTO people (name, role, department, roles) VALUES (?, ?, ?, ?)",
        [(name, "Manager", rng.choice(_AUDIENCES), roles) for name in names],
    )
    return [row[0] for row in conn.execute("SELECT id FROM people ORDER BY id")]


def _insert_items(conn, rng, column_ids, sizes, tag_ids, person_ids) -> None:
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    items, tags, people, checklist = [], [], [], []
    item_id = 0
    for column_id, size in zip(column_ids, sizes, strict=True):
        for position in range(size):
            item_id += 1
            created = start + timedelta(minutes=17 * item_id)
            stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
            due = (created + timedelta(days=rng.randint(7, 120))).date().isoformat()
            items.append(
                (
                    item_id,
                    f"LD-{item_id}",
                    title(rng),
                    long_text(rng, rng.randint(0, 4)),
                    long_text(rng, 1) if rng.random() < 0.6 else "",
                    f"We believe {rng.choice(_FORMATS)} will lift {rng.choice(_TOPICS)} scores."
                    if rng.random() < 0.5
                    else "",
                    rng.choice(_DRIVERS),
                    rng.choice(_VERDICTS),
                    rng.randint(1, 5) if rng.random() < 0.85 else None,
                    rng.randint(1, 5) if rng.random() < 0.85 else None,
                    rng.choice(_FORMAT_VALUES),
                    due if rng.random() < 0.3 else None,
                    column_id,
                    RANK_STEP * (position + 1),
                    stamp,
                    stamp,
                )
            )
            for tag_id in rng.sample(tag_ids, rng.choice((0, 1, 1, 2, 2, 3))):
                tags.append((item_id, tag_id))
            for role in rng.sample(("requester", "sponsor", "sme"), rng.choice((0, 1, 1, 2))):
                people.append((item_id, rng.choice(person_ids), role))
            if rng.random() < 0.3:
                total = rng.randint(2, 6)
                for line in range(total):
                    done = int(line < rng.randint(0, total))
                    checklist.append((item_id, f"Step {line + 1}", done, float(line)))
    conn.executemany(
        "INSERT INTO items (id, key, title, description, need, hypothesis, driver, verdict, "
        "impact, effort, format, due, column_id, rank, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        items,
    )
    conn.executemany("INSERT INTO item_tags (item_id, tag_id) VALUES (?, ?)", tags)
    conn.executemany(
        "INSERT OR IGNORE INTO item_people (item_id, person_id, role) VALUES (?, ?, ?)", people
    )
    conn.executemany(
        "INSERT INTO checklist_items (item_id, text, done, position) VALUES (?, ?, ?, ?)",
        checklist,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("items", type=int)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    generated = generate_board(args.path, args.items, seed=args.seed)
    print(f"{generated.path}: {generated.items} items, per column {generated.column_sizes}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
