"""Real failures for the board-file tests: a crashed writer, a damaged page, a read-only user.

* :func:`crash_writer` runs ldboard in a child process that applies changes and
  is then SIGKILLed, so its ``-wal`` still holds committed changes the board
  file itself does not have yet.
* :func:`zero_page` overwrites one page of a real board file with zero bytes.
* :func:`run_as_reader` runs Python code in a child process that cannot write
  to read-only files: the ``nobody`` user (via ``setpriv``) when the tests run
  as root, who may write anything, else the current user.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

NOBODY = 65534

_WRITER = """
import sys
from ldboard import ops
from ldboard.store import Board

board = Board.open(sys.argv[1])
column = board.columns()[0].id
for n in range(int(sys.argv[2])):
    ops.create_item(board, column, f"{sys.argv[3]} {n}")
print("written", flush=True)
sys.stdin.read()
"""


def crash_writer(path: Path, items: int = 3, title: str = "Unsaved") -> list[str]:
    """Create ``items`` cards in the board at ``path`` from a process that is then killed.

    Returns the titles written. The board's ``-wal`` holds them afterwards.
    """
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), str(items), title],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "written":
            break
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    if child.stdin is not None:
        child.stdin.close()
    assert child.returncode == -signal.SIGKILL
    wal = path.with_name(path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0, "the crashed writer left committed changes"
    return [f"{title} {n}" for n in range(items)]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` with its content hash."""
    return {p.name: digest(p) for p in sorted(folder.iterdir()) if p.is_file()}


def page_of(path: Path, table: str, *, leaf: int = 0) -> int:
    """The page number of the ``leaf``-th leaf page of ``table`` (or index) in ``path``."""
    return leaf_pages(path, table)[leaf]


def leaf_pages(path: Path, table: str) -> list[int]:
    """Page numbers of the leaf pages of ``table`` (or index) in the file ``path`` itself."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return [
            pageno
            for (pageno,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
                (table,),
            )
        ]
    finally:
        conn.close()


def pages_in_wal(path: Path) -> set[int]:
    """Pages that the ``-wal`` beside ``path`` holds a newer version of."""
    wal = path.with_name(path.name + "-wal").read_bytes()
    page_size = int.from_bytes(wal[8:12], "big")
    frames = range(32, len(wal) - 24, 24 + page_size)
    return {int.from_bytes(wal[at : at + 4], "big") for at in frames}


def zero_page(path: Path, page: int) -> None:
    """Overwrite page ``page`` (1-based) of the SQLite file ``path`` with zeros."""
    with path.open("rb") as handle:
        page_size = int.from_bytes(handle.read(18)[16:18], "big") or 65536
    with path.open("r+b") as handle:
        handle.seek((page - 1) * page_size)
        handle.write(bytes(page_size))
        handle.flush()
        os.fsync(handle.fileno())


def integrity(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` of ``path`` through a plain SQLite connection."""
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def shared_folder() -> Path:
    """A new folder that any user (``nobody`` included) can reach and write."""
    folder = Path(tempfile.mkdtemp(prefix="ldboard-test-"))
    folder.chmod(0o777)
    return folder


def reader_command() -> list[str]:
    """The command prefix that runs a process as a user bound by file permissions."""
    if os.geteuid() == 0:
        return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    return []


def run_as_reader(code: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run Python ``code`` with ``args`` as a user that read-only files stop."""
    env = {**os.environ, "HOME": str(cwd or tempfile.gettempdir())}
    project = Path(__file__).resolve().parents[3]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(project), env.get("PYTHONPATH")]))
    return subprocess.run(
        [*reader_command(), sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )


def make_world_readable(*paths: Path) -> None:
    for path in paths:
        path.chmod(0o755 if path.is_dir() else 0o644)
