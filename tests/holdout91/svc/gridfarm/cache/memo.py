from __future__ import annotations

import json
import re
from datetime import datetime
from collections import OrderedDict
from functools import cache, lru_cache
from typing import Any

import redis.asyncio as redis

_METRIC_RE = re.compile(r"^(?P<family>[a-z_]+)(?:\.(?P<unit>[a-zA-Z]+))?$")

# forecasts already fetched in this process, keyed by (site, horizon start)
_forecast_memo: dict[tuple[int, datetime], list[float]] = {}


@lru_cache(maxsize=256)
def site_timezone_offset(tz_name: str) -> int:
    from zoneinfo import ZoneInfo

    return int(datetime.now(ZoneInfo(tz_name)).utcoffset().total_seconds())


@cache
def normalise_metric(raw: str) -> tuple[str, str]:
    match = _METRIC_RE.match(raw.strip().lower())
    if match is None:
        return raw, ""
    return match.group("family"), match.group("unit") or ""


def remember_forecast(site_id: int, horizon: datetime, hourly: list[float]) -> None:
    _forecast_memo[(site_id, horizon)] = hourly


def recall_forecast(site_id: int, horizon: datetime) -> list[float] | None:
    return _forecast_memo.get((site_id, horizon))


class RecentGateways:
    """Last upload time per gateway for the ingest dashboard, capped to the newest entries."""

    def __init__(self, capacity: int = 2048) -> None:
        self._capacity = capacity
        self._seen: OrderedDict[str, datetime] = OrderedDict()

    def touch(self, gateway_id: str, at: datetime) -> None:
        self._seen[gateway_id] = at
        self._seen.move_to_end(gateway_id)
        if len(self._seen) > self._capacity:
            self._seen.popitem(last=False)

    def snapshot(self) -> dict[str, str]:
        return {k: v.isoformat() for k, v in self._seen.items()}


async def cached_json(client: redis.Redis, key: str) -> Any | None:
    raw = await client.get(key)
    return json.loads(raw) if raw is not None else None


async def store_json(client: redis.Redis, key: str, value: Any, ttl_s: int) -> None:
    await client.set(key, json.dumps(value, default=str), ex=ttl_s)
