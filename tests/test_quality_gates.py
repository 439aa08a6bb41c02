"""The quality gates run with the tests, so CI enforces them too."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QT_FREE = ("domain", "store", "ops", "io")
#: The one module of those packages allowed Qt: the PDF is laid out by QtGui,
#: imported inside its functions so that the other exports never load Qt.
QT_ALLOWED = {Path("ldboard/io/pdf.py")}


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is missing: install the dev extra (pip install -e '.[dev]')"
    return found


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_check_passes():
    result = _run(_tool("ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_applied():
    result = _run(_tool("ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_hold():
    result = _run(_tool("lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("package", QT_FREE)
def test_core_packages_do_not_import_qt(package):
    """Belt and braces beside import-linter: no PySide6 import even inside functions."""
    offenders = []
    for path in (ROOT / "ldboard" / package).rglob("*.py"):
        if path.relative_to(ROOT) in QT_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(ROOT)}:{node.lineno} {name}"
                for name in names
                if name.split(".")[0] in ("PySide6", "shiboken6") or name.startswith("ldboard.ui")
            ]
    assert offenders == []


def test_the_core_and_the_cli_load_without_qt():
    code = (
        "import sys, ldboard.cli, ldboard.ops, ldboard.store, ldboard.store.demo, ldboard.domain,"
        " ldboard.io.export, ldboard.io.pdf;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def _import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import one another, directly or round a loop
    (Tarjan's strongly connected components, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    cycles.append(sorted(group))
    return cycles


def test_no_module_imports_itself_round_a_loop():
    """Modules depend one way: a loop (``a`` imports ``b`` imports ``a``, type-only
    imports included) means neither can be read, tested or moved alone.
    Packages' ``__init__`` re-exports are left out: they only name what is inside."""
    import grimp  # installed with import-linter (the dev extra)

    graph = grimp.build_graph("ldboard")
    modules = {m for m in graph.modules if not graph.is_module_squashed(m)}
    packages = {m for m in modules if (ROOT / Path(*m.split("."))).is_dir()}
    edges = {
        m: {d for d in graph.find_modules_directly_imported_by(m) if d in modules - packages}
        for m in modules - packages
    }
    assert _import_cycles(edges) == []


def test_the_cycle_finder_finds_a_loop():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _import_cycles(graph) == [["a", "b", "c"]]
