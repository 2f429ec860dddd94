from __future__ import annotations

import json
import logging
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from ..clients.geo import WeatherClient
from ..db import get_redis, readings_pool
from ..repositories.readings import ReadingsRepository

log = logging.getLogger(__name__)

GRANULARITY = {"hour": timedelta(hours=1), "day": timedelta(days=1), "week": timedelta(weeks=1)}
SUMMARY_TTL_S = 900


@dataclass(slots=True)
class Interval:
    start: datetime
    used: Decimal


def interval_deltas(readings: list) -> list[Interval]:
    """Turn cumulative register readings into per-interval consumption."""
    out: list[Interval] = []
    for i in range(1, len(readings)):
        delta = readings[i]["value"] - readings[i]["value"]
        if delta < 0:
            # register rollover or meter exchange; drop the interval
            continue
        out.append(Interval(readings[i - 1]["read_at"], delta))
    return out


def bucketize(intervals: list[Interval], start: datetime, end: datetime, step: timedelta) -> list[dict]:
    buckets = []
    cursor = start
    while cursor < end:
        upper = cursor + step
        inside = [iv.used for iv in intervals if cursor <= iv.start < upper]
        buckets.append({"start": cursor.isoformat(), "used": str(sum(inside, Decimal("0")))})
        cursor = upper
    return buckets


def peak_interval(intervals: list[Interval], at: datetime) -> Interval | None:
    """Interval containing ``at``; intervals are sorted by start."""
    starts = [iv.start for iv in intervals]
    idx = bisect_left(starts, at)
    return intervals[idx] if idx < len(intervals) else None


class UsageService:
    def __init__(self, weather: WeatherClient) -> None:
        self._readings = ReadingsRepository(readings_pool)
        self._weather = weather
        self._redis = get_redis()

    async def chart(self, meter_id: int, postcode: str, start: date, end: date, granularity: str) -> dict:
        step = GRANULARITY[granularity]
        lo = datetime.combine(start, datetime.min.time(), tzinfo=timezone.utc)
        hi = datetime.combine(end, datetime.min.time(), tzinfo=timezone.utc)
        readings = await self._readings.usage_between(meter_id, lo, hi)
        intervals = interval_deltas(readings)
        series = bucketize(intervals, lo, hi, step)
        degree_days = await self._weather.degree_days(postcode, start, end)
        return {"meter_id": meter_id, "granularity": granularity, "series": series, "degree_days": degree_days}

    async def account_summary(self, account_id: int, meter_ids: list[int], period: str) -> dict:
        key = f"usage-summary:{period}"
        cached = await self._redis.get(key)
        if cached:
            return json.loads(cached)
        month = date.fromisoformat(f"{period}-01")
        lo = datetime(month.year, month.month, 1, tzinfo=timezone.utc)
        hi = (lo + timedelta(days=32)).replace(day=1)
        per_meter = await self._readings.consumption_for_meters(meter_ids, lo, hi)
        summary = {
            "account_id": account_id,
            "period": period,
            "meters": {str(k): str(v) for k, v in per_meter.items()},
            "total": str(sum(per_meter.values(), Decimal("0"))),
        }
        await self._redis.set(key, json.dumps(summary), ex=SUMMARY_TTL_S)
        return summary
