"""An item's events in words, newest first."""

from ldboard.domain.history import describe, item_history
from ldboard.domain.model import Event

COLUMNS = {1: "Intake", 4: "Building", 5: "Pilot"}
ITERATIONS = {2: "Iteration 2", 3: "Iteration 3"}


def said(kind, data, ts="2026-03-02T09:00:00Z"):
    return describe(Event(1, ts, 7, kind, data), columns=COLUMNS, iterations=ITERATIONS)


def test_moves_and_reorders_name_the_stages():
    move = {"before": {"column_id": 4, "rank": 1.0}, "after": {"column_id": 5, "column": "Pilot"}}
    assert said("moved", move) == "moved Building → Pilot"
    renamed_since = {"before": {"column_id": 4}, "after": {"column_id": 5, "column": "Trial"}}
    assert said("moved", renamed_since) == "moved Building → Trial"
    assert said("moved", {"before": {"column_id": 99}, "after": {"column_id": 1}}) == (
        "moved a removed column → Intake"
    )
    assert said("reordered", {"after": {"column_id": 4}}) == "reordered in Building"
    prioritised = {"after": {"column_id": 4}, "reason": "prioritised by score"}
    assert said("reordered", prioritised) == "prioritised by score in Building"


def test_rescoring_shows_both_scores():
    both = {"before": {"impact": 3, "effort": 2}, "after": {"impact": 4, "effort": 2}}
    assert said("rescored", both) == "rescored I3·E2 → I4·E2"
    first = {"before": {"impact": None, "effort": None}, "after": {"impact": 4, "effort": 1}}
    assert said("rescored", first) == "rescored I–·E– → I4·E1"
    older = {"before": {"impact": 3}, "after": {"impact": 5}}
    assert said("rescored", older) == "rescored impact 3 → 5"


def test_planning_names_the_iterations():
    def planned(before, after, **extra):
        return said(
            "planned",
            {"before": {"iteration_id": before}, "after": {"iteration_id": after}, **extra},
        )

    assert planned(None, 3) == "planned into Iteration 3"
    assert planned(3, None) == "taken out of Iteration 3"
    assert planned(2, 3) == "moved from Iteration 2 to Iteration 3"
    assert planned(2, 3, reason="carried over at close") == (
        "carried over from Iteration 2 to Iteration 3"
    )
    assert planned(2, None, reason="returned to the backlog at close") == (
        "back to the backlog when Iteration 2 closed"
    )
    assert planned(9, None) == "taken out of a deleted iteration"


def test_verdicts_edits_and_the_rest():
    assert said(
        "verdict", {"before": {"verdict": "untested"}, "after": {"verdict": "validated"}}
    ) == ("verdict: validated")
    edit = {
        "before": {"title": "A", "due": None, "impact": 2},
        "after": {"title": "B", "due": "2026-04-01", "impact": 3},
    }
    assert said("edited", edit) == "edited title and due date"
    parts = {"before": {}, "after": {}, "changed": ["checklist", "tags"]}
    assert said("edited", parts) == "edited checklist and tags"
    scores_only = {"before": {"impact": 2}, "after": {"impact": 3}}
    assert said("edited", scores_only) is None, "told by its rescored event"
    tick = {"before": {"checklist": {"done": 0}}, "after": {"checklist": {"done": 1}}}
    assert said("edited", tick) == "ticked a checklist line"
    assert said("created", {"after": {"key": "LD-7", "column_id": 1}}) == "created in Intake"
    assert said("archived", {"column_id": 4}) == "archived"
    assert said("restored", {"column_id": 4}) == "restored"
    assert said("deleted", {"before": {"key": "LD-7"}}) == "deleted"
    assert said("created", {"before": None, "after": {"key": "LD-7"}, "undo": True}) == (
        "deletion undone"
    )


def test_history_is_newest_first_and_marks_undos():
    events = [
        Event(1, "2026-03-02T09:00:00Z", 7, "created", {"after": {"column_id": 1}}),
        Event(
            2,
            "2026-03-03T09:00:00Z",
            7,
            "moved",
            {"before": {"column_id": 1}, "after": {"column_id": 4}},
        ),
        Event(
            3,
            "2026-03-03T09:00:05Z",
            7,
            "moved",
            {"before": {"column_id": 4}, "after": {"column_id": 1}, "undo": True},
        ),
        Event(
            4,
            "2026-03-03T09:00:05Z",
            7,
            "edited",
            {"before": {"impact": 1}, "after": {"impact": 2}},
        ),
    ]
    lines = item_history(events, columns=COLUMNS, iterations=ITERATIONS)
    assert [line.text for line in lines] == [
        "moved Building → Intake (undo)",
        "moved Intake → Building",
        "created in Intake",
    ]
    assert [line.undo for line in lines] == [True, False, False]
    assert [line.event_id for line in lines] == [3, 2, 1]
