"""The schema of file format 7 (migration 0007): the L&D practice in the board file.

Kept apart from ``schema.py`` so each module stays readable; the migration that
runs it is ``0007_intake_evaluation_partners`` in ``migrations.py``, and
docs/file-format.md documents the result.
"""

from __future__ import annotations

from ldboard.domain.enums import PersonLevel
from ldboard.domain.intake import Barrier, IntakeOutcome, PartnerRole, Triage
from ldboard.store.schema import sql_list, strict_date

_TRIAGE = sql_list(Triage)
_OUTCOMES = sql_list(IntakeOutcome)
_LEVELS = sql_list(PersonLevel)
_BARRIERS = sql_list(Barrier)
_PARTNER_ROLES = sql_list(PartnerRole)


def _one_to_five(column: str) -> str:
    return f"{column} INTEGER CHECK ({column} IS NULL OR {column} BETWEEN 1 AND 5)"


#: Migration 0007: the L&D practice in the file. A request talked through at
#: intake (its answers, its triage state), the plan of how an initiative will be
#: evaluated (with dated checks), the partners' level, place on the stakeholder
#: map, commitments and thanks, and the criteria of a weighted priority score.
V7_TABLES = f"""
ALTER TABLE items ADD COLUMN triage TEXT CHECK (triage IS NULL OR triage IN ({_TRIAGE}));
ALTER TABLE items ADD COLUMN triage_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN {_one_to_five("audience_size")};
ALTER TABLE items ADD COLUMN {_one_to_five("risk")};
ALTER TABLE items ADD COLUMN {_one_to_five("inaction_score")};
CREATE INDEX items_triage ON items (triage) WHERE triage IS NOT NULL;
ALTER TABLE people ADD COLUMN level TEXT CHECK (level IS NULL OR level IN ({_LEVELS}));
ALTER TABLE people ADD COLUMN {_one_to_five("influence")};
ALTER TABLE people ADD COLUMN {_one_to_five("involvement")};
ALTER TABLE people ADD COLUMN commitments TEXT NOT NULL DEFAULT '';
CREATE TABLE intakes (
    item_id INTEGER PRIMARY KEY REFERENCES items (id),
    requested_on TEXT NOT NULL CHECK ({strict_date("requested_on")}),
    problem TEXT NOT NULL DEFAULT '',
    goal_by TEXT CHECK ({strict_date("goal_by")}),
    goal_action TEXT NOT NULL DEFAULT '',
    people_affected REAL CHECK (people_affected IS NULL OR people_affected >= 0),
    loss_per_person_month REAL
        CHECK (loss_per_person_month IS NULL OR loss_per_person_month >= 0),
    unit_cost REAL CHECK (unit_cost IS NULL OR unit_cost >= 0),
    expected_benefit REAL CHECK (expected_benefit IS NULL OR expected_benefit >= 0),
    expected_cost REAL CHECK (expected_cost IS NULL OR expected_cost >= 0),
    outcome TEXT NOT NULL CHECK (outcome IN ({_OUTCOMES})),
    recommendation TEXT NOT NULL DEFAULT ''
);
CREATE TABLE intake_behaviours (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id INTEGER NOT NULL REFERENCES intakes (item_id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL CHECK (length(trim(text)) >= 1),
    barrier TEXT CHECK (barrier IS NULL OR barrier IN ({_BARRIERS}))
);
CREATE INDEX intake_behaviours_item ON intake_behaviours (item_id, position);
CREATE TABLE intake_partners (
    item_id INTEGER NOT NULL REFERENCES intakes (item_id),
    person_id INTEGER NOT NULL REFERENCES people (id),
    role TEXT NOT NULL CHECK (role IN ({_PARTNER_ROLES})),
    commitments TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(commitments) AND json_type(commitments) = 'array'),
    wiifm TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (item_id, person_id, role)
);
CREATE INDEX intake_partners_person ON intake_partners (person_id);
CREATE TABLE evaluation_plans (
    item_id INTEGER PRIMARY KEY REFERENCES items (id),
    level INTEGER CHECK (level IS NULL OR level BETWEEN 1 AND 4),
    critical_behaviours TEXT NOT NULL DEFAULT '',
    leading_indicators TEXT NOT NULL DEFAULT '',
    support TEXT NOT NULL DEFAULT ''
);
CREATE TABLE evaluation_checks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id INTEGER NOT NULL REFERENCES items (id),
    position INTEGER NOT NULL,
    what TEXT NOT NULL CHECK (length(trim(what)) >= 1),
    how TEXT NOT NULL DEFAULT '',
    due TEXT CHECK ({strict_date("due")}),
    done_at TEXT
);
CREATE INDEX evaluation_checks_item ON evaluation_checks (item_id, position);
CREATE INDEX evaluation_checks_open ON evaluation_checks (due) WHERE done_at IS NULL;
CREATE TABLE thanks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES people (id),
    given_on TEXT NOT NULL CHECK ({strict_date("given_on")}),
    text TEXT NOT NULL CHECK (length(trim(text)) >= 1),
    item_id INTEGER REFERENCES items (id)
);
CREATE INDEX thanks_person ON thanks (person_id, given_on);
"""
