"""The rules of measurements: which is the latest, what is refused, the sparkline's shape."""

from __future__ import annotations

import pytest

from ldboard.domain.measurements import (
    MEASUREMENT_LABEL_MAX,
    Measurement,
    latest,
    measurement_problems,
    sparkline_points,
)


def m(id: int, day: str, value: float) -> Measurement:
    return Measurement(id, 1, day, value)


def test_the_latest_is_the_newest_date_and_of_one_day_the_last_recorded():
    series = [m(3, "2026-03-01", 5), m(1, "2026-04-01", 7), m(2, "2026-04-01", 9)]
    assert latest(series) == m(2, "2026-04-01", 9)
    assert latest([]) is None


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"value": 1.0}, "measured_on", "needs the date"),
        ({"measured_on": "2026-02-30", "value": 1.0}, "measured_on", "not"),
        ({"measured_on": "2026-02-03"}, "value", "needs a value"),
        ({"measured_on": "2026-02-03", "value": "7"}, "value", "must be a number"),
        ({"measured_on": "2026-02-03", "value": float("inf")}, "value", "too large"),
        ({"measured_on": "2026-02-03", "value": 2e15}, "value", "too large"),
        ({"measured_on": "2026-02-03", "value": 1, "level": 5}, "level", "1 to 4"),
        ({"measured_on": "2026-02-03", "value": 1, "level": True}, "level", "1 to 4"),
        (
            {"measured_on": "2026-02-03", "value": 1, "label": "x" * (MEASUREMENT_LABEL_MAX + 1)},
            "label",
            "Keep the label",
        ),
        ({"measured_on": "2026-02-03", "value": 1, "source": "bad\ud800"}, "source", ""),
    ],
)
def test_bad_fields_are_named(values, field, words):
    problems = measurement_problems(values)
    assert field in problems and words in problems[field]


def test_a_good_measurement_has_no_problems():
    good = {"measured_on": "2026-02-03", "value": -3, "label": "Pilot", "source": "LMS", "level": 2}
    assert measurement_problems(good) == {}


def test_the_sparkline_spreads_points_evenly_and_scales_values_to_their_range():
    series = [m(2, "2026-02-01", 30), m(1, "2026-01-01", 10), m(3, "2026-03-01", 20)]
    assert sparkline_points(series) == [(0.0, 0.0), (0.5, 1.0), (1.0, 0.5)]


def test_a_flat_or_single_series_draws_at_mid_height():
    assert sparkline_points([m(1, "2026-01-01", 4)]) == [(0.5, 0.5)]
    assert sparkline_points([m(1, "2026-01-01", 4), m(2, "2026-01-02", 4)]) == [
        (0.0, 0.5),
        (1.0, 0.5),
    ]
    assert sparkline_points([]) == []
