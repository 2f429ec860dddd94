"""Read endpoints over the calendar."""
from __future__ import annotations

import copy
from datetime import date

from calendar_svc.days import Calendar, Day

calendar = Calendar()


def days_after(since: date) -> list[Day]:
    return calendar.upcoming(since)


def export_all() -> dict:
    frozen = copy.deepcopy(calendar._by_room)
    return {"rooms": frozen, "count": len(frozen)}
