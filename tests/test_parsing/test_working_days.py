"""Promises in working days: Monday to Friday in Jakarta, at the same time of day."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import JAKARTA
from bot.working_days import add_working_days


def _wib(day: int, hour: int) -> datetime:
    """A moment in November 2026 in Jakarta (the 23rd is a Monday)."""
    return datetime(2026, 11, day, hour, 0, tzinfo=JAKARTA)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (_wib(23, 9), 2, _wib(25, 9)),  # Monday → Wednesday
        (_wib(26, 9), 2, _wib(30, 9)),  # Thursday → Monday
        (_wib(27, 15), 2, datetime(2026, 12, 1, 15, tzinfo=JAKARTA)),  # Friday → Tuesday
        (_wib(28, 10), 2, datetime(2026, 12, 1, 10, tzinfo=JAKARTA)),  # Saturday → Tuesday
        (_wib(29, 10), 1, _wib(30, 10)),  # Sunday → Monday
        (_wib(27, 23), 1, _wib(30, 23)),  # late Friday, in Jakarta, not UTC
        (_wib(23, 9), 0, _wib(23, 9)),
    ],
)
def test_working_days(start: datetime, days: int, expected: datetime) -> None:
    assert add_working_days(start, days) == expected


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_days(_wib(23, 9), -1)
