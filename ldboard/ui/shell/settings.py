"""Per-user preferences: recent boards, window geometry and where summaries were
last exported (QSettings, INI file).

The file lives in the platform's config folder (``$XDG_CONFIG_HOME/ldboard``)
and is looked up on every construction, so each test can point it elsewhere.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_config_path
from PySide6.QtCore import QByteArray, QSettings

from ldboard.paths import APP_NAME

MAX_RECENT = 8


class AppSettings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or user_config_path(APP_NAME, appauthor=False) / f"{APP_NAME}.ini"
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def recent_boards(self) -> list[Path]:
        value = self._settings.value("recent/boards", [])
        if isinstance(value, str):
            value = [value]
        return [Path(v) for v in (value or []) if v]

    def add_recent_board(self, path: Path) -> list[Path]:
        path = Path(path).resolve()
        boards = [path] + [p for p in self.recent_boards() if p != path]
        self._settings.setValue("recent/boards", [str(p) for p in boards[:MAX_RECENT]])
        self._settings.sync()
        return boards[:MAX_RECENT]

    def forget_recent_board(self, path: Path) -> None:
        boards = [p for p in self.recent_boards() if p != Path(path)]
        self._settings.setValue("recent/boards", [str(p) for p in boards])
        self._settings.sync()

    def export_folder(self) -> Path | None:
        """The folder the last iteration summary was written to."""
        value = self._settings.value("export/folder", "")
        return Path(value) if isinstance(value, str) and value else None

    def export_format(self) -> str:
        value = self._settings.value("export/format", "")
        return value if isinstance(value, str) else ""

    def remember_export(self, path: Path, fmt: str) -> None:
        """Where and in what format a summary was last written: the next export starts there."""
        self._settings.setValue("export/folder", str(Path(path).parent))
        self._settings.setValue("export/format", fmt)
        self._settings.sync()

    def window_geometry(self) -> QByteArray | None:
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._settings.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)
        self._settings.sync()
