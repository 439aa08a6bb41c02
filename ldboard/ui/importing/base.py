"""What every File → Import dialog shares: a file to choose, what the import
would do (or why it cannot), the confirmation new columns need, and the
import itself as one ``ops.import_items`` through the session (one
transaction, one undo step). Each kind of source adds how it shows the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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

from ldboard.ops.importing import ImportPlan, import_items, import_summary
from ldboard.ui.common import theme
from ldboard.ui.common.session import BoardSession

#: Problems listed in the dialog (the rest are counted).
SHOWN_PROBLEMS = 50

Chooser = Callable[[QWidget, Path], Path | None]


def file_chooser(title: str, filters: str) -> Chooser:
    def choose(parent: QWidget, folder: Path) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, str(folder), filters)
        return Path(name) if name else None

    return choose


class ImportDialog(QDialog):
    """Subclasses put their view of the file in ``self.body`` and call
    ``show_plan`` / ``show_problems`` once they have read it."""

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
        self.plan: ImportPlan | None = None
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
        self.create_columns = QCheckBox()
        self.create_columns.setObjectName("importCreateColumns")
        self.create_columns.toggled.connect(self._update_button)
        self.create_columns.hide()
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
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.create_columns)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    def choose_file(self) -> None:
        path = self.chooser(self, self.folder)
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> None:
        raise NotImplementedError

    # --- what the plan says ----------------------------------------------------------------

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        if plan.problems:
            self.show_problems(plan.problems)
        else:
            self.problems.hide()
            made = [count(len(plan.rows), "item")]
            if plan.new_tags:
                made.append(count(len(plan.new_tags), "new tag"))
            if plan.new_people:
                made.append(count(len(plan.new_people), "new person", "new people"))
            notices = " ".join(plan.notices)
            self.status.setStyleSheet("")
            self.status.setText(f"Ready to import {', '.join(made)}. {notices}".strip())
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

    def _update_button(self, *_args: object) -> None:
        plan = self.plan
        ready = plan is not None and plan.ok and not self.session.read_only
        if ready and plan.new_columns and not self.create_columns.isChecked():
            ready = False
        self.import_button.setEnabled(bool(ready))

    # --- importing -----------------------------------------------------------------------------

    def run_import(self) -> None:
        if self.plan is None or not self.import_button.isEnabled():
            return
        failures: list[str] = []
        change = self.session.perform(
            import_items,
            self.plan,
            create_columns=self.create_columns.isChecked(),
            report_to=lambda failure: failures.append(failure.message),
        )
        if change is None:
            self.show_problems(failures or ["The import changed nothing."])
            return
        self.result = import_summary(change)
        self.accept()


def count(number: int, one: str, many: str | None = None) -> str:
    return f"{number:,} {one if number == 1 else (many or one + 's')}"


def escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
