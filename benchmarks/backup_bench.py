"""Rolling backups of a 10,000-item board (``store/rolling_backups.py``).

The board comes from ``generate.py`` and is held open by a ``Board`` (as the
app holds it) with a few changes still in its WAL, so the backup reads through
SQLite what an open board really looks like. Measured in this process, each
the median of ``--repeats`` runs:

* ``make_backup``: the whole rolling backup (copy with the backup API in steps,
  ``PRAGMA integrity_check``, move into place, prune), against the 500 ms budget;
* the longest single step of the copy (``pages=STEP_PAGES``), against one frame;
* the longest stall of a main thread that ticks every millisecond while the
  backup runs in a worker thread, as the app runs it (one frame);

beside two references measured in the same run: SQLite's backup API in one
step to a plain file (no verification, no temporary file), and
``shutil.copyfile`` of the checkpointed board file. Run::

    .venv/bin/python benchmarks/backup_bench.py [--items 10000] [--repeats 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the saved results name the Qt platform
HERE = Path(__file__).resolve().parent
for folder in (HERE.parent, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from _common import print_table, save_results, verdict_row  # noqa: E402
from generate import generate_board  # noqa: E402

from ldboard import ops  # noqa: E402
from ldboard.store import Board  # noqa: E402
from ldboard.store.rolling_backups import STEP_PAGES, make_backup  # noqa: E402

FRAME_MS = 16.7  # one frame at 60 Hz
LABELS = {
    "backup": "make_backup (whole)",
    "longest_step": "longest copy step",
    "ui_stall": "main-thread stall",
}
BUDGETS = {"backup": 500.0, "longest_step": FRAME_MS, "ui_stall": FRAME_MS}


def ms(seconds: float) -> float:
    return seconds * 1000


def time_backup(board: Path, root: Path) -> tuple[float, float, float]:
    """One rolling backup: its duration, its longest step, and how long the
    verification of the copy it made takes on its own (ms)."""
    marks: list[float] = []
    began = time.perf_counter()
    made = make_backup(board, root=root, progress=lambda _r, _t: marks.append(time.perf_counter()))
    ended = time.perf_counter()
    gaps = [b - a for a, b in zip([began, *marks], marks, strict=False)]
    check = sqlite3.connect(f"{made.as_uri()}?mode=ro", uri=True)
    checked = time.perf_counter()
    check.execute("PRAGMA integrity_check").fetchall()
    verification = time.perf_counter() - checked
    check.close()
    return ms(ended - began), ms(max(gaps)), ms(verification)


def time_threaded_stall(board: Path, root: Path) -> float:
    """The longest gap between 1 ms ticks of this thread while a backup runs in another."""
    worker = threading.Thread(target=make_backup, args=(board,), kwargs={"root": root})
    last = time.perf_counter()
    longest = 0.0
    worker.start()
    while worker.is_alive():
        time.sleep(0.001)
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    worker.join()
    return ms(longest)


def reference_one_step(board: Path, target: Path) -> float:
    target.unlink(missing_ok=True)
    began = time.perf_counter()
    source = sqlite3.connect(f"{board.as_uri()}?mode=ro", uri=True)
    destination = sqlite3.connect(target)
    source.backup(destination)
    destination.close()
    source.close()
    return ms(time.perf_counter() - began)


def reference_file_copy(checkpointed: Path, target: Path) -> float:
    began = time.perf_counter()
    shutil.copyfile(checkpointed, target)
    return ms(time.perf_counter() - began)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--no-save", action="store_true")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="ldboard-backup-bench-"))
    try:
        board_path = work / "big.ldboard"
        generate_board(board_path, args.items)
        checkpointed = work / "checkpointed.ldboard"
        with Board.open(board_path) as board:
            board.checkpoint()
            shutil.copyfile(board_path, checkpointed)
            column = board.columns()[0].id
            for n in range(20):  # left in the WAL, as in an open board between checkpoints
                ops.create_item(board, column, f"Not yet checkpointed {n}")
            size_mb = board_path.stat().st_size / 1e6
            samples: dict[str, list[float]] = {key: [] for key in (*LABELS, "one", "copy", "check")}
            for n in range(args.repeats):
                root = work / f"root-{n}"
                whole, step, check = time_backup(board_path, root)
                samples["check"].append(check)
                samples["backup"].append(whole)
                samples["longest_step"].append(step)
                samples["ui_stall"].append(time_threaded_stall(board_path, root))
                samples["one"].append(reference_one_step(board_path, work / "one.ldboard"))
                samples["copy"].append(reference_file_copy(checkpointed, work / "copy.ldboard"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures: dict[str, Any] = {key: statistics.median(v) for key, v in samples.items()}
    references = {"backup": figures["one"], "longest_step": None, "ui_stall": None}
    rows = [
        verdict_row(metric, args.items, figures[metric], references[metric], BUDGETS[metric])
        for metric in LABELS
    ]
    print(f"board: {args.items:,} items, {size_mb:.1f} MB; steps of {STEP_PAGES} pages")
    print_table(rows, LABELS, dict.fromkeys(LABELS, "ms"), "items")
    print(
        f"\nreferences (median of {args.repeats}, same run): the backup API in one step to a "
        f"plain file {figures['one']:.1f} ms (ratio = make_backup ÷ this); shutil.copyfile of "
        f"the checkpointed board {figures['copy']:.1f} ms. Of make_backup, the "
        f"integrity_check of the copy alone takes {figures['check']:.1f} ms."
    )
    if not args.no_save:
        saved = save_results(
            args.results, "backup", {"items": args.items, "figures": figures, "rows": rows}
        )
        print(f"saved {saved}")
    return 0 if all(row["pass"] is not False for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
