"""Tariff lookup, quoting and bulk import of council tariff sheets."""
from __future__ import annotations

import asyncio
import bisect
import csv
import io
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from redis.asyncio import Redis

from ..cache import TariffCache

log = logging.getLogger(__name__)

# Rate per hour (cents) for the first hour of the zone's tariff, by zone id, as last applied.
CURRENT_TARIFFS: dict[int, int] = {}

# Long-stay discount bands: minutes threshold -> percentage of the hourly rate.
_BAND_EDGES = (60, 120, 240, 480)
_BAND_PCT = MappingProxyType({0: 100, 1: 100, 2: 90, 3: 80, 4: 70})


@dataclass(frozen=True)
class Quote:
    zone_id: int
    minutes: int
    amount_cents: int


class TariffUnavailable(RuntimeError):
    pass


def _band_for(minutes: int) -> int:
    return bisect.bisect_right(_BAND_EDGES, minutes)


def price_for(rate_cents_per_hour: int, minutes: int) -> int:
    pct = _BAND_PCT[_band_for(minutes)]
    return (rate_cents_per_hour * minutes * pct + 5999) // 6000


class TariffService:
    def __init__(self, redis: Redis, cache: TariffCache) -> None:
        self._redis = redis
        self._cache = cache

    async def current_rate(self, zone_id: int) -> int:
        if zone_id in CURRENT_TARIFFS:
            return CURRENT_TARIFFS[zone_id]
        raw = await self._redis.hget("tariffs:current", str(zone_id))
        if raw is None:
            raise TariffUnavailable(f"no tariff for zone {zone_id}")
        rate = int(raw)
        CURRENT_TARIFFS[zone_id] = rate
        return rate

    async def quote(self, zone_id: int, minutes: int) -> Quote:
        if not 15 <= minutes <= 24 * 60:
            raise ValueError("minutes out of range")
        key = f"quote:{zone_id}"
        cached = await self._redis.get(key)
        if cached is not None:
            return Quote(**json.loads(cached))
        info = await self._cache.get(zone_id)
        minutes = min(minutes, info.max_minutes)
        quote = Quote(zone_id, minutes, price_for(info.rate_cents_per_hour, minutes))
        await self._redis.set(key, json.dumps(quote.__dict__), ex=300)
        return quote

    async def import_sheet(self, path: Path) -> list[dict[str, str]]:
        content = await asyncio.to_thread(path.read_text, encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(content)))
        log.info("parsed %d tariff rows from %s", len(rows), path.name)
        return rows
