"""The retention rule of rolling backups (``domain/backup_policy.py``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldboard.domain.backup_policy import (
    RetentionPolicy,
    backups_to_delete,
    backups_to_keep,
)

NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)

moments = st.integers(min_value=-90 * 24 * 3600, max_value=600).map(
    lambda seconds: NOW + timedelta(seconds=seconds)
)
policies = st.builds(
    RetentionPolicy,
    newest=st.integers(1, 5),
    hourly=st.integers(0, 48),
    daily=st.integers(0, 40),
)


@given(st.lists(moments, min_size=1, max_size=60), policies)
def test_the_newest_backups_are_never_deleted(times, policy):
    kept = backups_to_keep(times, NOW, policy)
    newest_first = sorted(set(times), reverse=True)
    assert set(newest_first[: policy.newest]) <= kept
    assert max(times) in kept


@given(st.lists(moments, max_size=60), policies)
def test_keeping_what_was_kept_keeps_all_of_it(times, policy):
    kept = backups_to_keep(times, NOW, policy)
    assert backups_to_keep(kept, NOW, policy) == kept
    assert kept <= set(times)
    assert backups_to_delete(times, NOW, policy) == set(times) - kept


@given(st.lists(moments, max_size=60), policies)
def test_at_most_one_backup_per_hour_or_day_beyond_the_newest(times, policy):
    kept = backups_to_keep(times, NOW, policy)
    assert len(kept) <= policy.newest + policy.hourly + policy.daily + sum(
        1 for t in set(times) if t > NOW
    )


def test_hourly_for_a_day_then_daily_for_a_month():
    # A backup every 10 minutes for 40 days.
    times = [NOW - timedelta(minutes=10 * n) for n in range(40 * 24 * 6)]
    kept = sorted(backups_to_keep(times, NOW), reverse=True)
    assert kept[:3] == times[:3], "the newest three, whatever the hour"
    last_day = [t for t in kept if NOW - t < timedelta(hours=24)]
    assert len({t.replace(minute=0, second=0) for t in last_day}) == 24
    assert len(last_day) == 24 + 2  # each hour's newest, and two more of the newest three
    assert min(kept).date() == (NOW - timedelta(days=29)).date()
    older = [t for t in kept if NOW - t >= timedelta(hours=24)]
    assert len({t.date() for t in older}) == len(older), "one per day after the first day"


def test_a_backup_from_the_future_is_kept():
    times = [NOW + timedelta(days=3), *[NOW - timedelta(days=n) for n in range(100)]]
    assert NOW + timedelta(days=3) in backups_to_keep(times, NOW)
    assert NOW - timedelta(days=99) in backups_to_delete(times, NOW)


def test_the_policy_refuses_to_keep_nothing():
    with pytest.raises(ValueError):
        RetentionPolicy(newest=0)
    with pytest.raises(ValueError):
        RetentionPolicy(hourly=-1)


@given(st.integers(-(10**6), 10**6), st.integers(-(10**6), 10**6))
def test_a_chosen_retention_is_always_within_its_bounds(hours, days):
    from ldboard.domain.backup_policy import DAYS_RANGE, HOURS_RANGE, chosen_policy

    policy = chosen_policy(hours, days)
    assert HOURS_RANGE[0] <= policy.hourly <= HOURS_RANGE[1]
    assert DAYS_RANGE[0] <= policy.daily <= DAYS_RANGE[1]
    assert policy.newest >= 1
    if HOURS_RANGE[0] <= hours <= HOURS_RANGE[1] and DAYS_RANGE[0] <= days <= DAYS_RANGE[1]:
        assert (policy.hourly, policy.daily) == (hours, days)
