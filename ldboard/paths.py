"""Where ldboard keeps its files by default."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "ldboard"
BOARD_SUFFIX = ".ldboard"


def data_dir() -> Path:
    """The per-user data folder (``$XDG_DATA_HOME/ldboard`` on Linux)."""
    return user_data_path(APP_NAME, appauthor=False)


def default_board_path() -> Path:
    return data_dir() / f"board{BOARD_SUFFIX}"
