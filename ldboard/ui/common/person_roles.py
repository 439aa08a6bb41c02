"""The roles a person plays across the board, as the people lists show them."""

from __future__ import annotations

from typing import Any

from ldboard.domain.enums import PersonRole

#: Short names for narrow list columns.
ROLE_SHORT = {
    PersonRole.STAKEHOLDER: "Stakeholder",
    PersonRole.SPONSOR: "Sponsor",
    PersonRole.SME: "SME",
    PersonRole.LEARNER_REP: "Learner rep",
}


def ordered_roles(roles: Any) -> tuple[str, ...]:
    """``roles`` in the enumeration's order, unknown values left out."""
    chosen = set(roles)
    return tuple(role.value for role in PersonRole if role.value in chosen)
