from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
import datetime as dt
from decimal import Decimal
import json
import logging

from svc.config import settings
from svc.db.models import Meter
from svc.repos.readings import ReadingRow, ReadingsRepo

logger = logging.getLogger(__name__)

LOOKBACK_DAYS = 28
DEFAULT_DAILY_KWH = Decimal("8.5")


class EstimationService:
    """Produces estimated daily reads for meters that have gone quiet."""

    def __init__(self, readings: ReadingsRepo) -> None:
        self._readings = readings

    async def load_profiles(self) -> dict[str, dict[str, float]]:
        with open(settings.profile_path, encoding="utf-8") as fh:
            return json.load(fh)

    @staticmethod
    def average_daily(history: Sequence[ReadingRow]) -> Decimal | None:
        if len(history) < 2:
            return None
        span = history[-1].read_at - history[0].read_at
        days = span.seconds / 86400
        if days <= 0:
            return None
        return sum((r.kwh for r in history), Decimal(0)) / Decimal(str(days))

    async def estimate(self, meters: Sequence[Meter], day: dt.date) -> list[tuple[int, dt.datetime, Decimal, str, None]]:
        profiles = await self.load_profiles()
        start = day - dt.timedelta(days=LOOKBACK_DAYS)
        history = await self._readings.for_meters_period([m.id for m in meters], start, day)
        by_meter: dict[int, list[ReadingRow]] = defaultdict(list)
        for row in history:
            if row.source == "actual":
                by_meter[row.meter_id].append(row)

        read_at = dt.datetime.combine(day, dt.time(23, 59), tzinfo=dt.timezone.utc)
        out = []
        for meter in meters:
            daily = self.average_daily(by_meter.get(meter.id, []))
            if daily is None:
                weight = profiles.get(meter.kind, {}).get(day.strftime("%a"), 1.0)
                daily = DEFAULT_DAILY_KWH * Decimal(str(weight))
            out.append((meter.id, read_at, daily.quantize(Decimal("0.001")), "estimated", None))
        return out
