"""Page 4: partners — who backs the request, what they commit to, who builds it.

Training is a three-legged stool: the L&D lead, management and learners. A
sponsor who commits to something outside the sessions (coaching afterwards,
giving time) makes the behaviour stick; experts who create the content make it
right. Each partner's "what's in it for me" is asked for because it is what
keeps them involved.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.intake import COMMITMENTS, PartnerRole
from ldboard.domain.model import Person
from ldboard.domain.practice import PartnerAnswer
from ldboard.ui.intake.fields import IntakePage, PersonPicker


class SponsorBox(QGroupBox):
    """A sponsor or co-sponsor: who, what they commit to, and what is in it for them."""

    def __init__(self, title: str, role: PartnerRole, people: list[Person]) -> None:
        super().__init__(title)
        self.role = role
        name = "Sponsor" if role == PartnerRole.SPONSOR else "CoSponsor"
        self.setObjectName(f"intake{name}Box")
        self.person = PersonPicker(people, "Name (type a new one to add them)")
        self.person.setObjectName(f"intake{name}")
        self.person.setAccessibleName(title)
        self.checks: list[QCheckBox] = []
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        for n, text in enumerate(COMMITMENTS):
            check = QCheckBox(text)
            check.setObjectName(f"intake{name}Commitment")
            self.checks.append(check)
            grid.addWidget(check, n, 0)
        self.other = QLineEdit()
        self.other.setObjectName(f"intake{name}Other")
        self.other.setAccessibleName(f"{title}: other commitments")
        self.other.setPlaceholderText("Anything else, separated by ;")
        self.wiifm = QLineEdit()
        self.wiifm.setObjectName(f"intake{name}Wiifm")
        self.wiifm.setAccessibleName(f"{title}: what's in it for them")
        self.wiifm.setPlaceholderText("e.g. hits the quarter's margin target")
        form = QFormLayout(self)
        form.addRow("Who:", self.person)
        form.addRow(QLabel("Will commit to:"))
        form.addRow(grid)
        form.addRow("Also:", self.other)
        form.addRow("In it for them:", self.wiifm)

    def answer(self) -> PartnerAnswer | None:
        person = self.person.value()
        if person is None:
            return None
        chosen = [check.text() for check in self.checks if check.isChecked()]
        chosen += [part.strip() for part in self.other.text().split(";") if part.strip()]
        return PartnerAnswer(person, self.role.value, tuple(chosen), self.wiifm.text().strip())

    def is_filled(self) -> bool:
        return (
            self.person.value() is not None
            or any(c.isChecked() for c in self.checks)
            or bool(self.other.text().strip() or self.wiifm.text().strip())
        )


class ExpertRow(QWidget):
    """A subject-matter expert who could create the content, and their WIIFM."""

    def __init__(self, people: list[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = PersonPicker(people, "Expert's name")
        self.person.setObjectName("intakeExpert")
        self.person.setAccessibleName("Subject-matter expert")
        self.wiifm = QLineEdit()
        self.wiifm.setObjectName("intakeExpertWiifm")
        self.wiifm.setAccessibleName("Expert: what's in it for them")
        self.wiifm.setPlaceholderText("What's in it for them, e.g. recognition as the go-to person")
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip("Remove this expert")
        self.remove.setAccessibleName("Remove this expert")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.person, 2)
        row.addWidget(self.wiifm, 3)
        row.addWidget(self.remove)

    def answer(self) -> PartnerAnswer | None:
        person = self.person.value()
        if person is None:
            return None
        return PartnerAnswer(person, PartnerRole.SME.value, (), self.wiifm.text().strip())


class PartnersPage(IntakePage):
    FIELDS = ("partners",)

    def __init__(self, people: list[Person]) -> None:
        super().__init__(
            "4 · Partners",
            "Who backs this, what they will do outside the training, and who knows "
            "the work well enough to create the content.",
            "intakePartnersPage",
        )
        self._people = people
        self.sponsor = SponsorBox("&Sponsor", PartnerRole.SPONSOR, people)
        self.co_sponsor = SponsorBox("&Co-sponsor", PartnerRole.CO_SPONSOR, people)
        self.experts: list[ExpertRow] = []
        self.expert_box = QGroupBox("Experts who could create the content")
        self.expert_list = QVBoxLayout()
        self.add_expert_button = QPushButton("Add an &expert")
        self.add_expert_button.setObjectName("intakeAddExpert")
        self.add_expert_button.clicked.connect(lambda: self.add_expert(focus=True))
        expert_layout = QVBoxLayout(self.expert_box)
        expert_layout.addLayout(self.expert_list)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_expert_button)
        add_row.addStretch(1)
        expert_layout.addLayout(add_row)
        sponsors = QHBoxLayout()
        sponsors.addWidget(self.sponsor)
        sponsors.addWidget(self.co_sponsor)
        layout = QVBoxLayout(self)
        layout.addLayout(sponsors)
        layout.addWidget(self.expert_box)
        layout.addStretch(1)
        layout.addWidget(self.problems)
        self.add_expert()

    def add_expert(self, *, focus: bool = False) -> ExpertRow:
        row = ExpertRow(self._people, self)
        row.remove.clicked.connect(lambda: self.remove_expert(row))
        previous = self.experts[-1].remove if self.experts else None
        self.experts.append(row)
        self.expert_list.addWidget(row)
        if previous is not None:
            QWidget.setTabOrder(previous, row.person)
        QWidget.setTabOrder(row.person, row.wiifm)
        QWidget.setTabOrder(row.wiifm, row.remove)
        QWidget.setTabOrder(row.remove, self.add_expert_button)
        if focus:
            row.person.setFocus()
        return row

    def remove_expert(self, row: ExpertRow) -> None:
        self.experts.remove(row)
        row.hide()
        row.deleteLater()
        if not self.experts:
            self.add_expert(focus=True)
        else:
            self.experts[-1].person.setFocus()

    def prefill_sponsor(self, requester: str) -> None:
        """The requester is often the sponsor: offer them until someone else is named."""
        if requester and not self.sponsor.person.currentText().strip():
            self.sponsor.person.set_text(requester)

    def answers(self) -> list[PartnerAnswer]:
        found = [self.sponsor.answer(), self.co_sponsor.answer()]
        found += [row.answer() for row in self.experts]
        return [answer for answer in found if answer is not None]

    def first_field(self) -> QWidget:
        return self.sponsor.person

    def is_filled(self) -> bool:
        return (
            self.sponsor.is_filled()
            or self.co_sponsor.is_filled()
            or any(row.answer() is not None for row in self.experts)
        )
