"""Working days in Jakarta (Monday to Friday), for promising when staff will answer.

Public holidays are not known here, so a promise spanning one is a day short; staff
are reminded at the promised time either way.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import JAKARTA

SATURDAY = 5


def add_working_days(moment: datetime, days: int) -> datetime:
    """The same time of day `days` working days after `moment`, counted in Jakarta.

    Friday 15.00 plus two is Tuesday 15.00; a Saturday counts from Monday, so
    Saturday 10.00 plus two is Tuesday 10.00.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    local = moment.astimezone(JAKARTA)
    counted = 0
    while counted < days:
        local += timedelta(days=1)
        if local.weekday() < SATURDAY:
            counted += 1
    return local.astimezone(UTC)
