"""Runs yesterday's submissions at 01:30 UTC."""
import asyncio
from datetime import datetime, time, timedelta, timezone

from fleet.emissions import EmissionsService

RUN_AT = time(1, 30, tzinfo=timezone.utc)


def _seconds_until(run_at: time) -> float:
    now = datetime.now(timezone.utc)
    target = datetime.combine(now.date(), run_at)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


async def run(service: EmissionsService) -> None:
    while True:
        await asyncio.sleep(_seconds_until(RUN_AT))
        day = (datetime.now(timezone.utc) - timedelta(days=1)).date()
        await service.submit_day(day)
        await service.report_fuel()
        await service.report_arrivals(day)
