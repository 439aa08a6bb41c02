"""Access to the files under ``resources/`` (icons, styles, demo board, templates).

In an installed wheel they live inside the package (``ldboard/resources``, see
``force-include`` in pyproject.toml) and are read with ``importlib.resources``.
In an editable checkout the same folder sits beside the package at the top of
the repository. Either way the location is found from the package, never from
the current directory.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def resources_root() -> Traversable:
    packaged = files("ldboard") / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Traversable:
    """A file or folder under ``resources/``."""
    return resources_root().joinpath(*parts)


def read_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")
