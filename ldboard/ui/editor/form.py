"""Building blocks every page of the card editor is made of.

Each page of :class:`~ldboard.ui.editor.dialog.CardEditor` lives in its
own ``pages_*`` (or ``checklist``/``notes``) module as a mixin of the editor.
They all build fields through :class:`FormBuilder`, so every field gets the
same object name, accessible name, error line and change tracking, and the
dialog can check, flag and focus any field without knowing which page made it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from ldboard.ui.editor.widgets import ShortText, field_box, make_hint


class FormBuilder:
    """Registers field widgets with the editor and wires them to its change tracking.

    Like the page mixins, it keeps nothing of its own: ``_fields``, ``_errors``,
    ``_board`` and the rest are set up by ``CardEditor.__init__`` before any page
    is built, and ``_edited`` is the editor's reaction to a change.
    """

    def _register(
        self,
        name: str,
        widget: QWidget,
        label: str,
        getter: Callable[[], Any],
        shown: QWidget | None = None,
    ) -> QWidget:
        """Name a field widget, give it an error line, and return both in one box.

        ``shown`` replaces the widget in the box when the field sits inside a
        larger arrangement (the description editor inside its preview splitter).
        """
        widget.setObjectName(f"field_{name}")
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        self._fields[name] = widget
        self._getters[name] = getter
        self._labels[name] = label.replace("&", "").rstrip(":")
        self._field_tab[name] = self._building_tab
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setProperty("role", "error")
        error.setWordWrap(True)
        error.setAccessibleName(f"{self._labels[name]} problem")
        error.hide()
        self._errors[name] = error
        return field_box(shown or widget, error)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    def _add_row(
        self,
        form: QFormLayout,
        name: str,
        label: str,
        widget: QWidget,
        getter: Callable[[], Any],
        hint: str = "",
    ) -> None:
        box = self._register(name, widget, label, getter)
        if hint:
            hint_label = make_hint(hint)
            hint_label.setObjectName(f"hint_{name}")
            self._hints[name] = hint
            widget.setAccessibleDescription(hint)
            box.layout().addWidget(hint_label)
        form.addRow(self._buddy(label, widget), box)

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(partial(self._edited, name))
        return edit

    def _text(self, name: str, lines: int, placeholder: str = "") -> ShortText:
        edit = ShortText(lines, placeholder)
        edit.textChanged.connect(partial(self._edited, name))
        return edit

    def _combo(self, name: str, options: Iterable[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        for text, value in options:
            combo.addItem(text, value)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(partial(self._edited, name))
        return combo
