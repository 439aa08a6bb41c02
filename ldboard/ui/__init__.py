"""Everything that imports Qt. Nothing outside this package may import PySide6.

One package per screen, plus what they share:

- ``shell/``: the application, the main window, its menus, filter bar and status
  bar, settings, file handling and the list of screens (``shell/registry.py``).
- ``board/``, ``matrix/``: the views of the main window, each plugged in through a
  ``screen.Screen`` subclass; ``editor/`` (the card editor), ``people/`` (Tags &
  People) and ``archive/`` (archived items) are the dialogs.
- ``cards/``: the in-memory card model every view reads (``BoardModel`` and one
  ``ColumnModel`` per stage) and how a card is painted in a list.
- ``common/``: the board session (the one path for every change), prompts, theme
  and small pieces several screens use.

Imports go downwards only: shell → screens → editor → cards → common (an
import-linter contract in ``pyproject.toml`` keeps it so).
"""
