from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from portops.db.models import VesselCall

SHIFT_HOURS = (6, 14, 22)


def utcnow() -> datetime:
    return datetime.now(UTC)


def shift_date(moment: datetime) -> date:
    # The night shift that starts at 22:00 belongs to the next calendar day.
    if moment.hour >= SHIFT_HOURS[2]:
        return (moment + timedelta(days=1)).date()
    return moment.date()


def window_bounds(start: datetime, minutes: int = 60) -> tuple[datetime, datetime]:
    start = start.replace(minute=(start.minute // minutes) * minutes if minutes < 60 else 0, second=0, microsecond=0)
    return start, start + timedelta(minutes=minutes)


def berth_window(call: VesselCall) -> tuple[datetime, datetime]:
    end = call.etd or call.eta + timedelta(hours=24)
    return call.eta, end
