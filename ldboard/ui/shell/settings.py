"""Per-user preferences: recent boards, window geometry, where summaries were
last exported and how many rolling backups to keep (QSettings, INI file).

The file lives in the platform's config folder (``$XDG_CONFIG_HOME/ldboard``)
and is looked up on every construction, so each test can point it elsewhere.
The backup retention is read back without Qt by ``store/rolling_backups.py``
(``saved_policy``), so the app and ``ldboard backup`` prune alike.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ldboard.domain.backup_policy import RetentionPolicy
from ldboard.paths import settings_file
from ldboard.store.rolling_backups import DAYS_KEY, HOURS_KEY, saved_policy

MAX_RECENT = 8


class AppSettings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_file()
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

    def backup_retention(self) -> RetentionPolicy:
        """How many rolling backups to keep (the defaults until the person chooses)."""
        self._settings.sync()
        return saved_policy(self.path)

    def set_backup_retention(self, policy: RetentionPolicy) -> None:
        """Keep ``policy``'s hours and days from the next backup on (of every board)."""
        self._settings.setValue(HOURS_KEY, int(policy.hourly))
        self._settings.setValue(DAYS_KEY, int(policy.daily))
        self._settings.sync()
