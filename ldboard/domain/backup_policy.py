"""Which rolling backups of a board to keep: a pure rule, so it can be proven.

Backups are made often (when a board is opened, then at most every few minutes
while it changes), so they are thinned out as they age, the way Time Machine
and restic's ``forget`` do:

* the ``newest`` backups are always kept, whatever their age;
* for each of the last ``hourly`` hours (UTC clock hours), the newest backup
  made in that hour;
* for each of the last ``daily`` days (UTC calendar days), the newest backup
  made on that day;
* a backup stamped later than ``now`` (a clock that was set back) is kept: it
  is not known to be old.

Everything else may be deleted. The number of hours and days can be set by
the person (within :data:`HOURS_RANGE` and :data:`DAYS_RANGE`); the newest few
always stay, so no setting can leave a board without a backup. Applying the
rule to what it kept, at the same ``now``, keeps all of it: each kept backup is
still the newest of its hour or day, or still among the newest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """How many backups survive: see the module docstring."""

    newest: int = 3
    hourly: int = 24
    daily: int = 30

    def __post_init__(self) -> None:
        if self.newest < 1:
            raise ValueError("at least the newest backup must be kept")
        if self.hourly < 0 or self.daily < 0:
            raise ValueError("the number of hours and days to keep cannot be negative")


DEFAULT_POLICY = RetentionPolicy()

#: The hours and days a person may choose: at least one of each (a setting can
#: thin the backups out, never switch them off), at most a week of hourly and a
#: year of daily backups (a year of a big board's backups is already gigabytes).
HOURS_RANGE = (1, 7 * 24)
DAYS_RANGE = (1, 366)


def chosen_policy(hourly: int, daily: int) -> RetentionPolicy:
    """The policy for a person's chosen hours and days, each brought within its range."""
    return RetentionPolicy(
        newest=DEFAULT_POLICY.newest,
        hourly=min(max(int(hourly), HOURS_RANGE[0]), HOURS_RANGE[1]),
        daily=min(max(int(daily), DAYS_RANGE[0]), DAYS_RANGE[1]),
    )


def backups_to_keep(
    times: Iterable[datetime], now: datetime, policy: RetentionPolicy = DEFAULT_POLICY
) -> set[datetime]:
    """The backup times (timezone-aware) that ``policy`` keeps at ``now``."""
    ordered = sorted(set(times), reverse=True)
    kept = set(ordered[: policy.newest])
    kept.update(moment for moment in ordered if moment > now)
    kept.update(_newest_per_bucket(ordered, now, _hour_of, timedelta(hours=policy.hourly)))
    kept.update(_newest_per_bucket(ordered, now, _day_of, timedelta(days=policy.daily)))
    return kept


def backups_to_delete(
    times: Iterable[datetime], now: datetime, policy: RetentionPolicy = DEFAULT_POLICY
) -> set[datetime]:
    """The complement of :func:`backups_to_keep`."""
    everything = set(times)
    return everything - backups_to_keep(everything, now, policy)


def _newest_per_bucket(
    newest_first: list[datetime],
    now: datetime,
    bucket_of: Callable[[datetime], datetime],
    span: timedelta,
) -> list[datetime]:
    """The newest moment of each bucket (hour or day) whose start is within ``span`` of now."""
    if span <= timedelta(0):
        return []
    oldest_bucket = bucket_of(now) - span
    seen: set[datetime] = set()
    found = []
    for moment in newest_first:
        bucket = bucket_of(moment)
        if bucket <= oldest_bucket or moment > now:
            continue
        if bucket not in seen:
            seen.add(bucket)
            found.append(moment)
    return found


def _hour_of(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def _day_of(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
