"""Kill a writer of a board hundreds of times, over every kind of write, and count.

A worker process opens the board and loops over random actions: create,
move, edit, archive, restore, delete, plan, a retrospective entry, a CSV
import of 200 rows, a results import of up to 20 measurements and a rolling
backup, printing each one once it returned
(the moment the app tells a person it is done). This script SIGKILLs the
worker after a random number of those, again and again, each new worker
reopening what the last one left. After every kill the board must pass
``PRAGMA integrity_check`` and ``foreign_key_check``; at the end every
acknowledged creation, import and result must be in the activity log, and every
acknowledged backup must be a sound board. It prints the counts and exits 1
on any failure. Not part of the test suite (it takes minutes); run::

    .venv/bin/python tests/stress/kill_stress.py [--kills 500] [--seed 1]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_ZYGOTE = r"""
import os, random, sys
from pathlib import Path
from ldboard import ops
from ldboard.io.csv_import import import_items, plan_csv_file
from ldboard.io.results_import import import_results, plan_results_file
from ldboard.store import Board
from ldboard.store.rolling_backups import make_backup

def say(line):
    os.write(1, (line + "\n").encode())

def work(path, sheet, backups, run, seed):
    rng = random.Random(seed)
    board = Board.open(path)
    columns = [c.id for c in board.columns()]
    iterations = [i.id for i in board.iterations()]
    step = 0
    while True:
        step += 1
        try:
            act(board, rng, path, sheet, backups, run, step, columns, iterations)
        except ValueError:  # a refused action (moving an archived card): nothing written
            say("refused")

def act(board, rng, path, sheet, backups, run, step, columns, iterations):
    ids = [row[0] for row in board.connection.execute("SELECT id FROM items LIMIT 500")]
    kind = rng.choice(["create"] * 4 + ["move"] * 3 + ["edit"] * 2
                      + ["archive", "restore", "delete", "plan", "retro", "import", "results",
                         "backup"])
    if kind == "create" or not ids:
        title = f"run {run} card {step}"
        ops.create_item(board, rng.choice(columns), title)
        say(f"create {title}")
    elif kind == "move":
        if ops.move_item(board, rng.choice(ids), rng.choice(columns), rng.randint(0, 3)):
            say("move")
    elif kind == "edit":
        ops.edit_item(board, rng.choice(ids), {"title": f"run {run} edit {step}"})
        say("edit")
    elif kind == "archive":
        ops.archive_item(board, rng.choice(ids)); say("archive")
    elif kind == "restore":
        row = board.connection.execute(
            "SELECT id FROM items WHERE archived_at IS NOT NULL LIMIT 1").fetchone()
        if row:
            ops.restore_item(board, row[0]); say("restore")
    elif kind == "delete":
        ops.delete_item(board, rng.choice(ids)); say("delete")
    elif kind == "plan":
        ops.plan_items(board, rng.sample(ids, min(3, len(ids))), iterations[0]); say("plan")
    elif kind == "retro":
        ops.add_retro_entry(board, iterations[0], "went_well", f"run {run} note {step}")
        say("retro")
    elif kind == "import":
        plan = plan_csv_file(board, sheet)
        import_items(board, plan, create_columns=True)
        say(f"import {run}-{step} {len(plan.rows)}")
    elif kind == "results":
        tag = f"run{run}-{step}"
        keys = [row[0] for row in board.connection.execute(
            "SELECT key FROM items ORDER BY random() LIMIT 20")]
        results = Path(path).with_name(f"results-{tag}.csv")
        results.write_text("Key,Date,Value,Source\n" + "".join(
            f"{key},2026-0{1 + n % 9}-1{n % 9},{n},{tag}\n" for n, key in enumerate(keys)))
        plan = plan_results_file(board, results)
        import_results(board, plan)
        say(f"results {tag} {len(plan.rows)}")
    else:
        made = make_backup(path, root=Path(backups))
        say(f"backup {made}")

for line in sys.stdin:
    path, sheet, backups, run, seed = line.split("\t")
    pid = os.fork()
    if pid == 0:
        try:
            work(path, sheet, backups, int(run), int(seed))
        except BaseException as error:
            say(f"failed {type(error).__name__}: {error}")
        finally:
            os._exit(1)
    say(f"worker {pid}")
    _, status = os.waitpid(pid, 0)
    say(f"dead {pid} {status}")
"""


def sound(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [str(row) for row in conn.execute("PRAGMA foreign_key_check")]
        return problems
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="ldboard-kills-") as folder:
        work = Path(folder)
        board, sheet, backups = work / "plan.ldboard", work / "sheet.csv", work / "backups"
        sheet.write_text(
            "Title,Stage,Tags\n"
            + "".join(f"Imported {n},{('Intake', 'Ready', 'Parking')[n % 3]},t{n % 5}\n"
                      for n in range(200)),
            encoding="utf-8",
        )  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
        setup = (
            "import sys; from ldboard import ops; from ldboard.store import Board\n"
            "b = Board.open(sys.argv[1]); ops.create_iteration(b, 'Sprint'); b.close()"
        )
        subprocess.run([sys.executable, "-c", setup, str(board)], env=env, check=True)
        zygote = subprocess.Popen(
            [sys.executable, "-c", _ZYGOTE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
            env=env,
        )
        assert zygote.stdin is not None and zygote.stdout is not None
        counts: collections.Counter[str] = collections.Counter()
        created: list[str] = []
        imports: list[str] = []
        results: dict[str, int] = {}
        copies: list[Path] = []
        failures: list[str] = []
        began = time.perf_counter()
        try:
            for run in range(args.kills):
                line = f"{board}\t{sheet}\t{backups}\t{run}\t{rng.randrange(1 << 30)}\n"
                zygote.stdin.write(line)
                zygote.stdin.flush()
                kind, pid = zygote.stdout.readline().split()
                assert kind == "worker"
                kill_after = rng.randint(1, 8)
                for seen, said in enumerate(zygote.stdout, start=1):
                    words = said.rstrip("\n").split(" ", 1)
                    if words[0] == "failed":
                        failures.append(f"kill {run}: the worker failed: {said.strip()}")
                    if words[0] == "dead":
                        break
                    counts[words[0]] += 1
                    if words[0] == "create":
                        created.append(words[1])
                    elif words[0] == "import":
                        imports.append(words[1].split()[0])
                    elif words[0] == "results":
                        tag, rows = words[1].split()
                        results[tag] = int(rows)
                    elif words[0] == "backup":
                        copies.append(Path(words[1]))
                    if seen == kill_after:
                        os.kill(int(pid), signal.SIGKILL)
                counts["kills"] += 1
                failures += [f"kill {run}: {problem}" for problem in sound(board)]
        finally:
            zygote.stdin.close()
            zygote.kill()
            zygote.wait()
            zygote.stdout.close()
        conn = sqlite3.connect(board)
        creations = "SELECT data FROM events WHERE kind = 'created'"
        logged = collections.Counter()
        titles = set()
        for (data,) in conn.execute(creations):
            after = json.loads(data).get("after") or {}
            titles.add(after.get("title"))
            if after.get("import"):
                logged["imported"] += 1
        recorded = collections.Counter()
        edits = "SELECT data FROM events WHERE kind = 'edited' AND data LIKE '%measurements%'"
        for (data,) in conn.execute(edits):
            for entry in (json.loads(data).get("after") or {}).get("measurements") or []:
                recorded[entry.get("source")] += 1
        conn.close()
        failures += [f"acknowledged, not logged: {t}" for t in created if t not in titles]
        failures += [
            f"results {tag}: {rows} acknowledged, {recorded[tag]} logged"
            for tag, rows in results.items()
            if recorded[tag] < rows
        ]
        if logged["imported"] < 200 * len(imports):
            failures.append(f"{len(imports)} imports acknowledged, {logged['imported']} logged")
        for copy in copies:
            failures += [f"backup {copy.name}: {p}" for p in (sound(copy) if copy.exists() else [])]
        elapsed = time.perf_counter() - began
    print(f"{counts['kills']} kills in {elapsed:.0f} s; acknowledged writes:")
    for kind in ("create", "move", "edit", "archive", "restore", "delete", "plan", "retro",
                 "import", "results", "backup", "refused"):  # fmt: skip
        print(f"  {kind:8} {counts[kind]:6,}")
    print(f"failures: {len(failures)}")
    for failure in failures[:20]:
        print(f"  {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
