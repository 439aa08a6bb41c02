"""Where ldboard keeps its files by default."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "ldboard"
BOARD_SUFFIX = ".ldboard"


def data_dir() -> Path:
    """The per-user data folder (``$XDG_DATA_HOME/ldboard`` on Linux)."""
    return user_data_path(APP_NAME, appauthor=False)


def default_board_path() -> Path:
    return data_dir() / f"board{BOARD_SUFFIX}"


def settings_file() -> Path:
    """The per-user settings file (``$XDG_CONFIG_HOME/ldboard/ldboard.ini`` on Linux).

    The app writes it with QSettings (INI format); the command line reads the
    parts it shares with the app (the backup retention) without Qt.
    """
    return user_config_path(APP_NAME, appauthor=False) / f"{APP_NAME}.ini"
