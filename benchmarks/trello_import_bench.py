"""Importing a 10,000-card Trello export, beside sqlite-utils inserting its cards.

The export is generated the way Trello writes one: twelve lists (two
archived), 10,000 cards with Markdown descriptions on half of them, one to
three of thirty labels (some unnamed, one without colour), members on a third,
a checklist on a fifth (two on some), due dates on a quarter, a few
attachments, and the 1,000 most recent actions (comments and moves), which is
all Trello ever puts in an export. The moves are a card's last two moves, into
the list it is in, so the import logs them as its history with their dates.

Measured in this process, each figure the median of ``--repeats`` runs on a
fresh board file created outside the timing: **read + plan + import**
(``read_trello_file``, ``plan_trello``, ``import_items(create_columns=True)``:
the checks of the whole file and the one transaction that writes the columns,
items, tags, people, links, checklist items, notes and the activity log),
against the budget of 3 s, with the reading and planning reported apart.

Reference, in the same run: ``json.load`` of the same file and sqlite-utils'
``Table.insert_all`` of its cards (id, name, description, list, position) into
a plain table of a fresh file: the cost of parsing the export and getting its
cards into SQLite with no checks, links, checklists, notes or undo. The exit
status is 1 when the budget is missed. Run::

    .venv/bin/python benchmarks/trello_import_bench.py [--cards 10000] [--repeats 5]
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # recorded with the machine; no Qt here

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import HERE, cpu_gauge_ms, interleaved, print_table, save_results, verdict_row

from ldboard.io.csv_import import import_items
from ldboard.io.trello_import import read_trello_file
from ldboard.io.trello_import.plan import plan_trello
from ldboard.store import Board

#: docs/performance.md: import a 10,000-card Trello export within 3 s.
BUDGET_MS = 3000.0
LABELS = {"read": "read + plan", "import": "read + plan + import", "reference": "reference"}
UNITS = {"read": "ms", "import": "ms"}
_COLORS = ("green", "yellow", "orange", "red", "purple", "blue", "sky", "lime", "pink", "")
_WORDS = [
    "onboarding", "sales", "managers", "safety", "compliance", "coaching", "feedback",
    "product", "launch", "customer", "service", "leadership", "data", "privacy",
    "negotiation", "wellbeing", "induction",
]  # fmt: skip


def _id(seconds: int, n: int) -> str:
    return f"{seconds:08x}{n:016x}"


def generate_export(path: Path, cards: int, seed: int = 11) -> None:
    """Write a Trello-like board export with ``cards`` cards."""
    rng = random.Random(seed)
    start = 1_767_225_600  # 2026-01-01
    lists = [
        {"id": _id(start, n), "name": f"Stage {n}", "closed": n >= 10, "pos": 16384 * (n + 1)}
        for n in range(12)
    ]
    labels = [
        {"id": _id(start, 100 + n), "name": "" if n % 9 == 0 else f"label {n}",
         "color": _COLORS[n % len(_COLORS)]}
        for n in range(30)
    ]  # fmt: skip
    members = [{"id": _id(start, 200 + n), "fullName": f"Member {n}"} for n in range(40)]
    card_rows, checklists, actions = [], [], []
    for n in range(cards):
        card_id = _id(start + n * 600, 1000 + n)
        card_rows.append(
            {
                "id": card_id,
                "name": f"{' '.join(rng.sample(_WORDS, 3)).capitalize()} #{n}",
                "desc": "## Why\n" + " ".join(rng.sample(_WORDS, 8)) if n % 2 else "",
                "closed": n % 50 == 0,
                "idList": rng.choice(lists)["id"],
                "pos": rng.random() * 65536,
                "due": f"2027-0{n % 9 + 1}-1{n % 9}T16:00:00.000Z" if n % 4 == 0 else None,
                "idLabels": [label["id"] for label in rng.sample(labels, rng.randint(1, 3))],
                "idMembers": [members[n % 40]["id"]] if n % 3 == 0 else [],
                "attachments": (
                    [{"name": "brief.pdf", "url": f"https://trello.com/a/{n}/brief.pdf"}]
                    if n % 97 == 0
                    else []
                ),
            }
        )
        for c in range(2 if n % 25 == 0 else 1 if n % 5 == 0 else 0):
            checklists.append(
                {
                    "id": _id(start, 10**6 + n * 2 + c),
                    "name": f"Checklist {c + 1}",
                    "idCard": card_id,
                    "pos": c + 1,
                    "checkItems": [_step(i) for i in range(rng.randint(2, 6))],
                }
            )
    for n in range(1000):
        card = card_rows[-1 - n * 7 % cards]
        when = f"2026-12-{n % 28 + 1:02d}T{n % 24:02d}:00:00.000Z"
        if n % 3:
            actions.append(
                {"type": "commentCard", "date": when, "memberCreator": {"fullName": "Member 1"},
                 "data": {"text": f"Comment {n}", "card": {"id": card["id"]}}}
            )  # fmt: skip
        else:
            here = card["idList"]
            middle = lists[(n // 3) % 10]["id"]
            earlier = f"2026-11-{n % 28 + 1:02d}T{n % 24:02d}:00:00.000Z"
            for moment, before, after in ((earlier, lists[0]["id"], middle), (when, middle, here)):
                actions.append(
                    {"type": "updateCard", "date": moment,
                     "data": {"card": {"id": card["id"]}, "listBefore": {"id": before},
                              "listAfter": {"id": after}}}
                )  # fmt: skip
    document = {
        "id": _id(start, 1),
        "name": "Benchmark board",
        "lists": lists,
        "labels": labels,
        "members": members,
        "cards": card_rows,
        "checklists": checklists,
        "actions": actions[:1000],
    }
    path.write_text(json.dumps(document), encoding="utf-8")


def _step(i: int) -> dict[str, Any]:
    return {"name": f"Step {i + 1}", "state": "complete" if i % 2 else "incomplete", "pos": i + 1}


def time_ldboard(path: Path, workdir: Path, run: int) -> dict[str, float]:
    board = Board.open(workdir / f"ldboard-{run}.ldboard")
    try:
        begin = time.perf_counter()
        plan = plan_trello(board, read_trello_file(path))
        planned = time.perf_counter()
        import_items(board, plan, create_columns=True)
        end = time.perf_counter()
        if plan.problems or board.item_count() + _archived(board) != len(plan.rows):
            raise SystemExit(f"the generated export did not import whole: {plan.problems[:3]}")
    finally:
        board.close()
    return {"read": (planned - begin) * 1000, "import": (end - begin) * 1000}


def _archived(board: Board) -> int:
    query = "SELECT count(*) FROM items WHERE archived_at IS NOT NULL"
    return board.connection.execute(query).fetchone()[0]


def time_reference(path: Path, workdir: Path, run: int) -> float:
    from sqlite_utils import Database

    database = Database(workdir / f"reference-{run}.db")
    try:
        begin = time.perf_counter()
        document = json.loads(path.read_text(encoding="utf-8"))
        rows = (
            {"id": c["id"], "name": c["name"], "desc": c["desc"], "list": c["idList"],
             "pos": c["pos"]}
            for c in document["cards"]
        )  # fmt: skip
        database["cards"].insert_all(rows, pk="id", batch_size=1000)
        elapsed = (time.perf_counter() - begin) * 1000
    finally:
        database.close()
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--results", type=Path, default=HERE / "results")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ldboard-trello-bench-") as folder:
        workdir = Path(folder)
        path = workdir / "board.json"
        generate_export(path, args.cards)
        time_ldboard(path, workdir, -1)  # warm-up: imports, caches
        samples = interleaved(
            args.repeats,
            lambda run: time_reference(path, workdir, run),
            lambda run: time_ldboard(path, workdir, run),
        )
        size_mb = path.stat().st_size / 1e6
    medians = {name: statistics.median(values) for name, values in samples.items()}
    rows = [
        verdict_row("read", args.cards, medians["read"], medians["reference"], None),
        verdict_row("import", args.cards, medians["import"], medians["reference"], BUDGET_MS),
    ]
    print_table(rows, LABELS, UNITS, "cards")
    print(
        f"\nexport {size_mb:.1f} MB; medians of {args.repeats}; reference (json.load + "
        f"sqlite-utils insert_all of the cards) {medians['reference']:.0f} ms; "
        f"CPU gauge {cpu_gauge_ms():.0f} ms"
    )
    document: dict[str, Any] = {
        "settings": {"cards": args.cards, "repeats": args.repeats},
        "budgets": {"import": BUDGET_MS},
        "summary": rows,
        "samples": samples,
        "file_mb": size_mb,
    }
    print(f"results saved to {save_results(args.results, 'trello-import', document)}")
    return 0 if all(row["pass"] is not False for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
