"""The UI changes the board in exactly one way: ``BoardSession.perform``.

``perform`` is where failures become messages and where the undo stack moves
only for changes that really happened. Code that called an operation directly,
or wrote through the board's connection, would bypass both; these checks keep
new code from doing that by accident.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import ldboard.ops as ops_package

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ldboard" / "ui"

#: Exported from ``ldboard.ops`` but read-only or pure helpers, not actions.
NOT_ACTIONS = {"board_thresholds", "close_preview", "normalise_fields", "plan_tags", "undo", "redo"}
#: Board methods that write; the UI must never call them.
WRITING_METHODS = {"apply", "transaction", "execute", "executemany", "executescript"}


def _actions() -> set[str]:
    return {
        name
        for name in ops_package.__all__
        if inspect.isfunction(getattr(ops_package, name)) and name not in NOT_ACTIONS
    }


def _is_operation(function: ast.FunctionDef) -> bool:
    """A function whose first parameter is the ``Board``: itself an operation that
    ``perform`` runs (e.g. the card editor's ``save_card``)."""
    params = function.args.posonlyargs + function.args.args
    first = params[0] if params else None
    return (
        first is not None
        and isinstance(first.annotation, ast.Name)
        and first.annotation.id == "Board"
    )


def _offences(path: Path, actions: set[str], root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ldboard.ops")
        for alias in node.names
        if alias.name in actions
    }
    found: list[str] = []

    def visit(node: ast.AST, inside_operation: bool) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inside_operation = inside_operation or _is_operation(node)
        if isinstance(node, ast.Call) and not inside_operation:
            func = node.func
            name = None
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == "ops"
                and func.attr in actions
            ):
                name = f"ops.{func.attr}"
            elif isinstance(func, ast.Name) and func.id in imported:
                name = func.id
            elif isinstance(func, ast.Attribute) and func.attr in WRITING_METHODS:
                owner = ast.unparse(func.value)
                if "board" in owner or "connection" in owner or "conn" in owner:
                    name = f"{owner}.{func.attr}"
            if name is not None:
                found.append(f"{path.relative_to(root)}:{node.lineno} calls {name}(…)")
        for child in ast.iter_child_nodes(node):
            visit(child, inside_operation)

    visit(tree, False)
    return found


def test_the_ui_never_runs_an_operation_outside_perform():
    actions = _actions()
    assert {"create_item", "move_item", "update_tag"} <= actions
    offences = [o for path in sorted(UI.rglob("*.py")) for o in _offences(path, actions)]
    assert offences == [], "pass operations to session.perform instead:\n" + "\n".join(offences)


def test_the_check_itself_spots_a_direct_call(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from ldboard import ops\n"
        "from ldboard.ops import archive_item\n"
        "def gesture(session, item):\n"
        "    ops.move_item(session.board, item, 1, 0)\n"
        "    archive_item(session.board, item)\n"
        "    session.board.apply(None)\n"
        "    session.perform(ops.move_item, item, 1, 0)\n"
        "def save(board: Board, item):\n"
        "    return ops.edit_item(board, item)\n",
        encoding="utf-8",
    )
    offences = _offences(sample, _actions(), root=tmp_path)
    assert [o.split(" calls ")[1] for o in offences] == [
        "ops.move_item(…)",
        "archive_item(…)",
        "session.board.apply(…)",
    ]
