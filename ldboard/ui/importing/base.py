"""What every File → Import dialog shares: a file to choose, what the import
would do (or why it cannot), and the import itself as one operation through
the session (one transaction, one undo step). Each kind of source adds how it
shows the file; each kind of import says what it would do and how it is done.

:class:`ImportDialog` knows only that a plan has ``problems``, ``notices`` and
``ok``; :class:`ItemImportDialog` adds what importing cards needs (the
confirmation that new columns may be created, ``ops.import_items``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ldboard.io.csv_import import Table
from ldboard.ops.importing import ImportPlan, import_items, import_summary
from ldboard.store import Change
from ldboard.ui.common import theme
from ldboard.ui.common.session import BoardSession, FailureHandler

#: Problems listed in the dialog (the rest are counted).
SHOWN_PROBLEMS = 50

Chooser = Callable[[QWidget, Path], Path | None]


class Plan(Protocol):
    """What any import's plan says: nothing is imported while it has problems."""

    @property
    def problems(self) -> tuple[str, ...]: ...  # each "file:line: field: message"

    @property
    def notices(self) -> tuple[str, ...]: ...

    @property
    def ok(self) -> bool: ...


def file_chooser(title: str, filters: str) -> Chooser:
    def choose(parent: QWidget, folder: Path) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, str(folder), filters)
        return Path(name) if name else None

    return choose


class ImportDialog(QDialog):
    """Subclasses put their view of the file in ``self.body``, call ``show_plan`` /
    ``show_problems`` once they have read it, and say what the plan would do
    (``ready_text``), how it is done (``perform``) and what it did (``summarise``)."""

    def __init__(
        self,
        session: BoardSession,
        *,
        folder: Path,
        chooser: Chooser,
        prompt: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.folder = folder
        self.chooser = chooser
        self.plan: Any = None  # the kind of import's plan (a ``Plan``)
        #: What the import reported, once done.
        self.result = ""

        self.file_label = QLabel(prompt)
        self.file_label.setObjectName("importFile")
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton("&Choose File…")
        self.choose_button.setObjectName("importChooseFile")
        self.choose_button.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("importProblems")
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(140)
        self.problems.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        self.body = QVBoxLayout()
        #: Between the status line and the problems: what a kind of import asks.
        self.questions = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.status)
        layout.addLayout(self.questions)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    def choose_file(self) -> None:
        path = self.chooser(self, self.folder)
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> None:
        raise NotImplementedError

    def refuse_file(self, path: Path, problems: list[str] | tuple[str, ...]) -> None:
        """``path`` cannot be read at all: say so, and why."""
        self.forget_plan()
        self.file_label.setText(f"<b>{escaped(path.name)}</b> cannot be imported.")
        self.show_problems(problems)

    # --- what the plan says ----------------------------------------------------------------

    def show_plan(self, plan: Plan) -> None:
        self.plan = plan
        if plan.problems:
            self.show_problems(plan.problems)
        else:
            self.problems.hide()
            self.status.setStyleSheet("")
            self.status.setText(self.ready_text(plan))
        self._update_button()

    def ready_text(self, plan: Any) -> str:
        """What importing ``plan`` (which has no problems) would do, in a sentence."""
        raise NotImplementedError

    def show_problems(self, problems: list[str] | tuple[str, ...]) -> None:
        shown = list(problems[:SHOWN_PROBLEMS])
        more = len(problems) - len(shown)
        self.problems.setPlainText("\n".join(shown) + (f"\n… and {more} more" if more else ""))
        self.problems.show()
        self.status.setStyleSheet(f"color: {theme.DANGER.name()};")
        self.status.setText(
            f"Nothing can be imported until {count(len(problems), 'problem')} "
            "below are fixed in the file."
        )
        self._update_button()

    def forget_plan(self) -> None:
        self.plan = None
        self._update_button()

    def can_import(self) -> bool:
        return self.plan is not None and self.plan.ok and not self.session.read_only

    def _update_button(self, *_args: object) -> None:
        self.import_button.setEnabled(bool(self.can_import()))

    # --- importing -----------------------------------------------------------------------------

    def run_import(self) -> None:
        if self.plan is None or not self.import_button.isEnabled():
            return
        failures: list[str] = []
        change = self.perform(lambda failure: failures.append(failure.message))
        if change is None:
            self.show_problems(failures or ["The import changed nothing."])
            return
        self.result = self.summarise(change)
        self.accept()

    def perform(self, report_to: FailureHandler) -> Change | None:
        """Import ``self.plan`` as one ``session.perform`` (one undo step)."""
        raise NotImplementedError

    def summarise(self, change: Change) -> str:
        """What the import did, for the status bar."""
        raise NotImplementedError


class ItemImportDialog(ImportDialog):
    """An import that adds cards (``ops.import_items``): stages the board has no
    column for become columns only once the person agrees."""

    plan: ImportPlan | None

    def __init__(
        self,
        session: BoardSession,
        *,
        folder: Path,
        chooser: Chooser,
        prompt: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, folder=folder, chooser=chooser, prompt=prompt, parent=parent)
        self.create_columns = QCheckBox()
        self.create_columns.setObjectName("importCreateColumns")
        self.create_columns.toggled.connect(self._update_button)
        self.create_columns.hide()
        self.questions.addWidget(self.create_columns)

    def show_plan(self, plan: Plan) -> None:
        super().show_plan(plan)
        assert isinstance(plan, ImportPlan)
        if plan.new_columns and not plan.problems:
            names = ", ".join(f"“{name}”" for name in plan.new_columns)
            self.create_columns.setText(
                f"&Add the stages this board does not have as new columns: {names}"
            )
            self.create_columns.show()
        else:
            self.create_columns.setChecked(False)
            self.create_columns.hide()
        self._update_button()

    def ready_text(self, plan: ImportPlan) -> str:
        made = [count(len(plan.rows), "item")]
        if plan.new_tags:
            made.append(count(len(plan.new_tags), "new tag"))
        if plan.new_people:
            made.append(count(len(plan.new_people), "new person", "new people"))
        notices = " ".join(plan.notices)
        return f"Ready to import {', '.join(made)}. {notices}".strip()

    def can_import(self) -> bool:
        plan = self.plan
        if plan is not None and plan.new_columns and not self.create_columns.isChecked():
            return False
        return super().can_import()

    def perform(self, report_to: FailureHandler) -> Change | None:
        return self.session.perform(
            import_items,
            self.plan,
            create_columns=self.create_columns.isChecked(),
            report_to=report_to,
        )

    def summarise(self, change: Change) -> str:
        return import_summary(change)


@contextmanager
def waiting() -> Iterator[None]:
    """The wait cursor while a file is read or planned (a big one takes a moment)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def table_text(path: Path, table: Table) -> str:
    """How a CSV file was read, so a wrong encoding or delimiter is noticed."""
    return (
        f"<b>{escaped(path.name)}</b>: {len(table.rows):,} rows, read as "
        f"{escaped(table.encoding)}, separated by {escaped(table.delimiter_name)}."
    )


def count(number: int, one: str, many: str | None = None) -> str:
    return f"{number:,} {one if number == 1 else (many or one + 's')}"


def escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
