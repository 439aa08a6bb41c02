"""Recording results: one change each, the newest becomes the item's actual, undo is exact."""

from __future__ import annotations

import pytest

from ldboard import ops
from ldboard.domain.history import describe
from ldboard.domain.rules import ValidationError
from ldboard.ops.importing import ImportRefused
from ldboard.ops.measuring import (
    MeasurementEntry,
    MeasurementRow,
    ResultsPlan,
    add_measurement,
    delete_measurement,
    import_results,
    results_summary,
)


@pytest.fixture
def two_items(board):
    ops.create_item(board, 1, "Negotiation basics", fields={"actual": 5.0})
    ops.create_item(board, 1, "Coaching lab")
    return board


def values(board, item_id):
    return [(m.measured_on, m.value, m.label) for m in board.measurements(item_id)]


def test_an_import_records_every_row_and_the_newest_value_becomes_actual(two_items, snapshot):
    before = snapshot(two_items)
    plan = ResultsPlan(
        "lms.csv",
        rows=(
            MeasurementRow(2, 1, "2026-03-01", 40.0, "Pilot", "LMS", 2),
            MeasurementRow(3, 1, "2026-01-05", 30.0, "Baseline", "LMS", 2),
            MeasurementRow(4, 2, "2026-02-01", 3.5, "", "Survey", None),
        ),
    )
    change = import_results(two_items, plan)
    assert change.label == "Import 3 results from lms.csv"
    assert values(two_items, 1) == [("2026-01-05", 30.0, "Baseline"), ("2026-03-01", 40.0, "Pilot")]
    assert (two_items.item(1).actual, two_items.item(2).actual) == (40.0, 3.5)
    assert results_summary(change) == "Recorded 3 results on 2 items; 2 actual values changed."
    ops.undo(two_items, change)
    assert snapshot(two_items) == before


def test_an_older_result_does_not_replace_a_newer_actual(two_items):
    add_measurement(two_items, 1, "2026-05-01", 50.0)
    change = import_results(
        two_items, ResultsPlan("old.csv", rows=(MeasurementRow(2, 1, "2026-04-01", 45.0),))
    )
    assert two_items.item(1).actual == 50.0
    assert "no actual value changed" in results_summary(change)


def test_a_plan_with_problems_or_no_rows_writes_nothing(two_items, snapshot):
    before = snapshot(two_items)
    with pytest.raises(ImportRefused, match=r"lms\.csv:3: key: no item"):
        import_results(two_items, ResultsPlan("lms.csv", problems=("lms.csv:3: key: no item",)))
    with pytest.raises(ImportRefused, match="no results"):
        import_results(two_items, ResultsPlan("lms.csv"))
    bad = ResultsPlan("lms.csv", rows=(MeasurementRow(7, 1, "2026-02-30", 1.0),))
    with pytest.raises(ImportRefused, match=r"lms\.csv:7: measured_on"):
        import_results(two_items, bad)
    gone = ResultsPlan("lms.csv", rows=(MeasurementRow(9, 99, "2026-02-03", 1.0),))
    with pytest.raises(ImportRefused, match=r"lms\.csv:9: item: it was deleted"):
        import_results(two_items, gone)
    assert snapshot(two_items) == before


def test_a_result_typed_in_is_checked_and_tells_the_history(two_items):
    with pytest.raises(ValidationError) as refused:
        add_measurement(two_items, 2, "2026-13-01", 1.0)
    assert "measured_on" in refused.value.problems
    change = add_measurement(two_items, 2, "2026-02-03", 72.0, label=" 30 days ", level=3)
    assert change.label == "Record a result on LD-2"
    assert values(two_items, 2) == [("2026-02-03", 72.0, "30 days")]
    event = two_items.events(2)[-1]
    told = describe(event, columns={}, iterations={})
    assert told == "recorded a result of 72 for 2026-02-03 (30 days); actual now 72"


def test_removing_the_newest_result_brings_back_the_one_before(two_items, snapshot):
    add_measurement(two_items, 1, "2026-01-01", 10.0)
    add_measurement(two_items, 1, "2026-02-01", 20.0)
    newest = two_items.measurements(1)[-1]
    before = snapshot(two_items)
    change = delete_measurement(two_items, newest.id)
    assert two_items.item(1).actual == 10.0 and values(two_items, 1) == [("2026-01-01", 10.0, "")]
    assert "removed a result of 20" in describe(two_items.events(1)[-1], columns={}, iterations={})
    ops.undo(two_items, change)
    assert snapshot(two_items) == before
    with pytest.raises(LookupError):
        delete_measurement(two_items, 999)


def test_the_editor_saves_the_measurement_list_with_the_fields_in_one_change(two_items, snapshot):
    add_measurement(two_items, 1, "2026-01-01", 10.0)
    kept = two_items.measurements(1)[0]
    before = snapshot(two_items)
    wanted = [
        MeasurementEntry(kept.measured_on, kept.value, id=kept.id),
        MeasurementEntry("2026-03-01", 12.5, "Pilot"),
    ]
    change = ops.edit_item(
        two_items, 1, {"goal": "Fewer errors", "actual": 1.0}, measurements=wanted
    )
    assert two_items.item(1).goal == "Fewer errors"
    assert two_items.item(1).actual == 12.5, "the newest result wins over a typed actual"
    assert values(two_items, 1) == [("2026-01-01", 10.0, ""), ("2026-03-01", 12.5, "Pilot")]
    ops.undo(two_items, change)
    assert snapshot(two_items) == before
    with pytest.raises(ValidationError, match="Result 1"):
        ops.edit_item(two_items, 1, measurements=[MeasurementEntry("soon", 1.0)])


def test_deleting_an_item_takes_its_measurements_and_undo_brings_them_back(two_items, snapshot):
    add_measurement(two_items, 2, "2026-01-01", 10.0)
    before = snapshot(two_items)
    change = ops.delete_item(two_items, 2)
    assert two_items.measurements(2) == []
    ops.undo(two_items, change)
    assert snapshot(two_items) == before
