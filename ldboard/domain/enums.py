"""Closed vocabularies of the board file.

Each enum's *value* is what the board file stores, so the values are part of the
documented file format (docs/file-format.md) and must never be renamed.
"""

from enum import StrEnum


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        """Human-readable label shown in the UI."""
        return _LABELS.get(self.value, self.value.replace("_", " ").capitalize())


class ColumnCategory(_Labelled):
    """Where a workflow stage sits in the flow, used by flow metrics."""

    BACKLOG = "backlog"
    ACTIVE = "active"
    DONE = "done"


class Driver(_Labelled):
    """The business reason an initiative exists."""

    REVENUE = "revenue"
    SKILLS_GAP = "skills_gap"
    RETENTION = "retention"
    COMPLIANCE = "compliance"
    CUSTOMER_EXPERIENCE = "customer_experience"
    PRODUCTIVITY = "productivity"
    OTHER = "other"


class Verdict(_Labelled):
    """Outcome of testing an initiative's hypothesis."""

    UNTESTED = "untested"
    VALIDATED = "validated"
    INVALIDATED = "invalidated"
    INCONCLUSIVE = "inconclusive"


class Format(_Labelled):
    """The shape of the learning solution."""

    COURSE = "course"
    MICROLEARNING = "microlearning"
    JOB_AID = "job_aid"
    COACHING = "coaching"
    WORKSHOP = "workshop"
    WEBINAR = "webinar"
    MENTORING = "mentoring"
    REPURPOSE = "repurpose"
    COMMUNITY = "community"
    OTHER = "other"


class PersonLevel(_Labelled):
    """Where a partner sits in the organisation: each level wants something else from
    training (executives results, middle managers their team's performance, the
    front line their own work made easier)."""

    EXECUTIVE = "executive"
    MIDDLE_MANAGER = "middle_manager"
    FRONT_LINE = "front_line"


class PersonRole(_Labelled):
    """Roles a person can play across the board."""

    STAKEHOLDER = "stakeholder"
    SPONSOR = "sponsor"
    SME = "sme"
    LEARNER_REP = "learner_rep"


class ItemRole(_Labelled):
    """The part a person plays on one item."""

    REQUESTER = "requester"
    SPONSOR = "sponsor"
    SME = "sme"


class IterationState(_Labelled):
    """Life cycle of an iteration: planned → active → closed, at most one active."""

    PLANNED = "planned"
    ACTIVE = "active"
    CLOSED = "closed"


class RetroKind(_Labelled):
    """The lanes of a retrospective, in the order they are shown."""

    WENT_WELL = "went_well"
    TO_IMPROVE = "to_improve"
    ACTION = "action"
    NOTE = "note"


class EventKind(_Labelled):
    """Kinds of rows in the append-only activity log."""

    CREATED = "created"
    MOVED = "moved"
    REORDERED = "reordered"
    RESCORED = "rescored"
    EDITED = "edited"
    PLANNED = "planned"
    ARCHIVED = "archived"
    RESTORED = "restored"
    VERDICT = "verdict"
    DELETED = "deleted"
    BOARD = "board"
    #: An iteration was created, edited, started, closed or deleted (``item_id`` NULL).
    ITERATION = "iteration"
    #: A retrospective entry was added, edited, moved, ticked or deleted (``item_id`` NULL).
    RETRO = "retro"


_LABELS = {
    "skills_gap": "Skills gap",
    "customer_experience": "Customer experience",
    "job_aid": "Job aid",
    "repurpose": "Repurpose existing content",
    "sme": "Subject-matter expert",
    "co_sponsor": "Co-sponsor",
    "learner_rep": "Learner representative",
    "went_well": "Went well",
    "to_improve": "To improve",
}
