"""What the benchmarks share: repaint probing, statistics, worker processes, the table.

``board_bench.py`` and ``matrix_bench.py`` each run an orchestrator that
starts fresh worker processes (``spawn_worker``), each measuring one
implementation on one board file and writing its figures as JSON, then print
each ldboard figure beside the reference's (``print_table``) and save the run
(``save_results``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for folder in (ROOT, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

WORKER_TIMEOUT_S = 1800
#: The reference stops measuring after this long (it is orders of magnitude slower)...
REFERENCE_TIME_LIMIT_S = 20.0
#: ...but always takes at least this many samples.
MIN_REFERENCE_SAMPLES = 20


# =====================================================================================
# Inside a worker
# =====================================================================================


class RepaintProbe:
    """Counts the repaints of a top-level window and notes when they end.

    Qt paints every dirty widget of a window synchronously while the window
    handles its UpdateRequest. The probe handles that event itself, so it knows
    the moment painting finished, before any other queued work runs. The first
    *complete* paint is the first one in which ``content`` was painted too: an
    earlier one may show only an empty frame.
    """

    def __init__(self, window, content) -> None:
        from PySide6.QtCore import QEvent, QObject

        probe = self

        class _Filter(QObject):
            def eventFilter(self, watched, event) -> bool:
                kind = event.type()
                if kind == QEvent.Type.UpdateRequest and watched is window:
                    watched.event(event)  # paints now; filters are not consulted again
                    probe.count += 1
                    probe.painted_at = time.perf_counter()
                    if probe.first_painted_at is None and probe._content_painted:
                        probe.first_painted_at = probe.painted_at
                    return True
                if kind == QEvent.Type.Paint:
                    probe.count += watched is window
                    probe._content_painted |= watched is probe.content
                return False

        self.count = 0
        self.painted_at: float | None = None
        self._filter = _Filter()
        window.installEventFilter(self._filter)
        self.expect(content)

    def expect(self, content) -> None:
        """Note the end of the next window paint that paints ``content`` (a widget
        about to be shown) as ``first_painted_at``."""
        self.content = content
        self.first_painted_at: float | None = None
        self._content_painted = False
        content.installEventFilter(self._filter)


class StallProbe:
    """The longest time the UI thread did not come back to its event loop.

    A precise 1 ms timer ticks whenever the loop is free; the largest gap
    between two ticks is the longest any input arriving meanwhile (a key press,
    a click, a scroll) would have waited. The gap includes the 1 ms interval.
    """

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self._tick()
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now

    @property
    def ticks(self) -> int:
        return len(self.gaps)

    @property
    def longest_ms(self) -> float:
        return max(self.gaps, default=0.0)

    def gaps_over(self, limit_ms: float) -> int:
        return sum(gap > limit_ms for gap in self.gaps)


def settle(app, probe: RepaintProbe, since: int | None, timeout_s: float = 120.0) -> bool:
    """Run the event loop until a repaint has happened since the probe read ``since``
    (possibly already, inside the action) and two passes then found nothing more.
    With ``since=None`` no repaint is awaited, only two passes without one.

    Returns ``False`` if no repaint happened within ``timeout_s`` (reported, so a
    figure that skipped painting is never mistaken for a fast one).
    """
    deadline = time.perf_counter() + timeout_s
    painted = since is None or probe.count != since
    quiet = 0
    while quiet < 2:
        before = probe.count
        app.processEvents()
        if probe.count != before:
            painted, quiet = True, 0
        elif painted:
            quiet += 1
        elif time.perf_counter() > deadline:
            return False
    return True


def drain(app, passes: int = 3) -> None:
    """Let pending work (layouts, deferred deletes, repaints) finish outside a timing."""
    for _ in range(passes):
        app.processEvents()


def rss_mb() -> float:
    import gc

    import psutil

    gc.collect()
    return psutil.Process().memory_info().rss / 1e6


def summary(samples: list[float]) -> dict[str, Any]:
    ordered = sorted(samples)
    if not ordered:
        return {"count": 0}
    p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]  # nearest-rank
    return {
        "count": len(ordered),
        "median": statistics.median(ordered),
        "p95": p95,
        "min": ordered[0],
        "max": ordered[-1],
    }


def profiled(directory: Path | None, name: str, function):
    """Call ``function``, under cProfile when ``--profile`` asked for it, so a figure
    that misses its budget comes with the functions its time went to."""
    if directory is None:
        return function()
    import cProfile

    profile = cProfile.Profile()
    try:
        return profile.runcall(function)
    finally:
        profile.dump_stats(directory / f"{name}.pstats")


def fail_on_callback_errors() -> None:
    """Make an exception raised inside a Qt callback (a slot, an event handler) end
    the worker: PySide6 only prints those, and a figure measured past one would be
    the cost of an error, not of the work."""

    def hook(kind, error, trace) -> None:
        sys.__excepthook__(kind, error, trace)
        os._exit(3)

    sys.excepthook = hook


def cpu_gauge_ms() -> float:
    """A fixed pure-Python loop (median of 5), to tell a slow moment of the machine
    from a slow figure: the VM's speed drifts over a run."""
    samples = []
    for _ in range(5):
        begin = time.perf_counter()
        total = 0
        for value in range(1_000_000):
            total += value
        samples.append((time.perf_counter() - begin) * 1000)
    return statistics.median(samples)


# =====================================================================================
# In the orchestrator
# =====================================================================================


def worker_environment(home: Path) -> dict[str, str]:
    """The environment of every worker: Python modules load from compiled bytecode.

    An installed ldboard has its bytecode compiled at install time. Where
    PYTHONDONTWRITEBYTECODE is set (as in some sandboxes and CI), each process
    would compile ldboard's sources again, which adds tens of milliseconds to
    the first figures that no user pays. Workers use a private PYTHONPYCACHEPREFIX
    in the work folder instead, so no ``__pycache__`` appears in the source tree.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


def compile_bytecode(home: Path) -> None:
    """Compile ldboard and the benchmarks into the private cache, and import the
    third-party modules workers use once so theirs is cached too. A benchmark then
    runs one unmeasured worker per implementation for whatever else they import."""
    env = worker_environment(home)
    sources = [str(ROOT / "ldboard"), str(HERE)]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *sources], env=env, check=True)
    subprocess.run(
        [sys.executable, "-c", "import PySide6.QtTest, PySide6.QtWidgets, psutil, cProfile"],
        env=env,
        check=True,
    )


def spawn_worker(script: Path, arguments: list[str], home: Path, what: str) -> dict[str, Any]:
    """Run ``script --out FILE *arguments`` in a new process with private, empty
    config/data folders and return the JSON it wrote to FILE.

    Each worker gets new folders: the user's are untouched, and no worker restores
    the window geometry an earlier one saved (on the offscreen platform's 800×800
    screen that shrinks the window and hides the filter box in the toolbar's overflow).
    """
    private = Path(tempfile.mkdtemp(prefix="worker-", dir=home))
    out = private / "result.json"
    command = [sys.executable, str(script), "--out", str(out), *arguments]
    env = worker_environment(home)
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[variable] = str(private / variable.lower())
    completed = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=WORKER_TIMEOUT_S, check=False
    )
    if completed.returncode != 0 or not out.exists():
        raise RuntimeError(f"{what} failed ({completed.returncode}):\n{completed.stderr[-4000:]}")
    return json.loads(out.read_text())


def fresh_copy(source: Path, target: Path) -> Path:
    """Give an implementation its own pristine copy of a generated board. A ``-wal``
    left beside the target by an earlier run (``--workdir``) would be replayed into
    the copy by SQLite and corrupt it, so those go first."""
    for suffix in ("-wal", "-shm", ".lock"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def source_tree() -> dict[str, Any]:
    """Which code was measured: the commit and the files changed since (read-only git)."""

    def git(*command: str) -> str:
        completed = subprocess.run(
            ["git", "--no-optional-locks", *command],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        return completed.stdout.rstrip() if completed.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or None
    if commit is None:
        return {"commit": None, "uncommitted": [], "note": f"{ROOT} is not a git checkout"}
    changed = [line[3:] for line in git("status", "--porcelain").splitlines()]
    return {"commit": commit, "uncommitted": changed}


def machine_info() -> dict[str, Any]:
    import psutil
    import PySide6
    from PySide6.QtCore import qVersion

    import ldboard

    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "pyside6": PySide6.__version__,
        "qt": qVersion(),
        "ldboard": ldboard.__version__,
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 1e9, 1),
        "qpa_platform": os.environ["QT_QPA_PLATFORM"],
    }


def verdict_row(
    metric: str,
    size: int,
    mine: float,
    theirs: float | None,
    budget: float | None,
    *,
    mine_p95: float | None = None,
    theirs_p95: float | None = None,
    reference_samples: int | None = None,
    judged: str = "median",
) -> dict[str, Any]:
    """One table row: ldboard figure, reference figure, ratio, budget, verdict.

    ``theirs`` is ``None`` where the reference was not measured (too slow to
    build at that size); ``budget`` is ``None`` for a figure reported without
    one. ``judged`` says which figure meets the budget: ``"median"`` or ``"p95"``.
    """
    verdict_figure = mine_p95 if judged == "p95" and mine_p95 is not None else mine
    return {
        "metric": metric,
        "size": size,
        "ldboard": mine,
        "ldboard_p95": mine_p95,
        "reference": theirs,
        "reference_p95": theirs_p95,
        "ratio": mine / theirs if theirs else None,
        "budget": budget,
        "judged": judged,
        "pass": None if budget is None else verdict_figure <= budget,
        "reference_samples": reference_samples,
    }


def format_figure(value: float | None, tail: float | None = None) -> str:
    if value is None:
        return "–"
    text = f"{value:,.1f}"
    if tail is not None:
        text += f" / {tail:,.1f}"
    return text


def print_table(
    rows: list[dict[str, Any]], labels: dict[str, str], units: dict[str, str], counted: str
) -> None:
    """The human summary; ``counted`` names the size column ("cards", "items").

    A reference shown as "not run" was not measured at that size: that row is
    compared with its budget only. A budget marked "p95" is met by the 95th
    percentile, otherwise by the median (or the single figure).
    """
    header = (
        f"{'metric':<24} {counted:>7} {'ldboard':>17} {'reference':>19} "
        f"{'ratio':>7} {'budget':>14} {'':>5}"
    )
    print("\n" + header)
    print("-" * len(header))
    for row in rows:
        metric = row["metric"]
        unit = units[metric]
        ratio = "–" if row["ratio"] is None else f"{row['ratio']:.3f}"
        budget = "–"
        if row["budget"] is not None:
            budget = f"≤{row['budget']:g} {unit}" + (" p95" if row["judged"] == "p95" else "")
        theirs = "not run   "
        if row["reference"] is not None:
            theirs = f"{format_figure(row['reference'], row['reference_p95'])} {unit:<2}"
        verdict = {True: "PASS", False: "FAIL", None: "–"}[row["pass"]]
        print(
            f"{labels[metric]:<24} {row['size']:>7,} "
            f"{format_figure(row['ldboard'], row['ldboard_p95']):>14} {unit:<2} "
            f"{theirs:>19} "
            f"{ratio:>7} {budget:>14} {verdict:>5}"
        )


def interleaved(
    repeats: int,
    reference: Callable[[int], float],
    measured: Callable[[int], dict[str, float]],
) -> dict[str, list[float]]:
    """The samples of ``repeats`` runs of ldboard (``measured``: figure name →
    ms) and of the reference (under "reference"), taken in turn, so that a
    slow spell of a shared machine weighs on both alike."""
    samples: dict[str, list[float]] = {"reference": []}
    for run in range(repeats):
        samples["reference"].append(reference(run))
        for name, value in measured(run).items():
            samples.setdefault(name, []).append(value)
    return samples


def mark_apply(board: Any) -> dict[str, float]:
    """Wrap ``board.apply`` so that the returned dict gets ``built`` (the change
    handed to the store, so it was built) and ``written`` (its transaction done),
    as ``time.perf_counter()`` moments: an import's phases without profiling."""
    marks: dict[str, float] = {}
    apply = board.apply

    def timed_apply(change: Any) -> Any:
        marks["built"] = time.perf_counter()
        try:
            return apply(change)
        finally:
            marks["written"] = time.perf_counter()

    board.apply = timed_apply
    return marks


def insert_csv_ms(path: Path, database_path: Path, table: str) -> float:
    """The reference of the CSV imports: sqlite-utils ``insert_all`` of the file's rows
    (dicts from ``csv.DictReader``) into ``table`` of a new file, in ms."""
    import csv

    from sqlite_utils import Database

    database = Database(database_path)
    try:
        begin = time.perf_counter()
        with path.open(encoding="utf-8", newline="") as handle:
            database[table].insert_all(csv.DictReader(handle), batch_size=1000)
        return (time.perf_counter() - begin) * 1000
    finally:
        database.close()


def save_results(directory: Path, prefix: str, document: dict[str, Any]) -> Path:
    """Write ``<prefix>-<timestamp>.json`` with the machine description added."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{prefix}-{stamp}.json"
    document = {
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine_info(),
        **document,
    }
    target.write_text(json.dumps(document, indent=2, ensure_ascii=False))
    return target


def add_shared_arguments(
    parser: argparse.ArgumentParser,
    *,
    timed: str,
    phases: str,
    sizes: tuple[int, ...] = (1000, 10000),
) -> None:
    """Options every benchmark has: sizes, repeats, reference limits, output, workers."""
    parser.add_argument("--sizes", type=int, nargs="+", default=list(sizes))
    parser.add_argument(
        "--repeats", type=int, default=7, help="fresh ldboard processes per open/show figure"
    )
    parser.add_argument(
        "--reference-repeats", type=int, default=3, help="the same for the reference"
    )
    parser.add_argument(
        "--reference-time-limit",
        type=float,
        default=REFERENCE_TIME_LIMIT_S,
        help=f"seconds after which the reference stops {timed} "
        f"(at least {MIN_REFERENCE_SAMPLES} are always taken)",
    )
    parser.add_argument("--label", default="", help="what is measured, kept in the JSON")
    parser.add_argument("--workdir", type=Path, help="where boards go (default: a temp folder)")
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help=f"write cProfile .pstats of every {phases} phase to DIR "
        "(figures are then inflated by the profiler)",
    )
    parser.add_argument("--worker", choices=("ldboard", "reference"), help=argparse.SUPPRESS)
    parser.add_argument("--board", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--interact", action="store_true", help=argparse.SUPPRESS)


def run_benchmark(
    args: argparse.Namespace,
    *,
    name: str,
    noun: str,
    worker: Callable[[argparse.Namespace], dict[str, Any]],
    warm_up: Callable[[Path, Path], None],
    run_size: Callable[[int, Path], dict[str, Any]],
    verdicts: Callable[[dict[str, Any]], list[dict[str, Any]]],
    report: Callable[[list[dict[str, Any]]], None],
    labels: dict[str, str],
    units: dict[str, str],
    budgets: dict[str, Any],
    settings: dict[str, Any],
) -> int:
    """A benchmark's main: act as a worker process, or run every size in fresh
    workers, print the table and save the JSON. Exit status 1 if a budget is missed."""
    if args.profile is not None:
        args.profile = args.profile.resolve()
        args.profile.mkdir(parents=True, exist_ok=True)
    if args.worker:
        args.out.write_text(json.dumps(worker(args)))
        return 0
    began = time.perf_counter()
    source = source_tree() | {"label": args.label}
    changed = len(source["uncommitted"])
    print(f"ldboard in {ROOT} at {source['commit']}, {changed} uncommitted paths")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix=f"ldboard-{name}-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        from generate import generate_board

        compile_bytecode(workdir)
        warm_up(workdir, generate_board(workdir / "warm-up.ldboard", 0).path)
        results = [run_size(size, workdir) for size in args.sizes]
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    rows = [row for result in results for row in verdicts(result)]
    print_table(rows, labels, units, noun)
    report(results)
    elapsed = time.perf_counter() - began
    document = {
        "source": source,
        "settings": {
            "sizes": args.sizes,
            "repeats": args.repeats,
            "reference_repeats": args.reference_repeats,
            "reference_time_limit_s": args.reference_time_limit,
            **settings,
        },
        "budgets": budgets,
        "summary": rows,
        "results": results,
        "duration_s": elapsed,
    }
    target = save_results(args.results, name, document)
    print(f"\nfull run took {elapsed:.0f} s; results saved to {target}")
    return 0 if all(row["pass"] is not False for row in rows) else 1
