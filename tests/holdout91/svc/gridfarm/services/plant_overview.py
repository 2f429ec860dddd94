from __future__ import annotations

import copy
import json
import logging
from typing import Any

import redis.asyncio as redis

from ..cache.locks import SiteLocks
from ..cache.memo import cached_json, store_json
from ..cache.pubsub import OVERVIEW_CHANNEL, publish
from ..repositories.telemetry import TelemetryRepository
from ..utils.timeutil import utcnow

log = logging.getLogger(__name__)

SNAPSHOT_TTL_S = 15


class PlantOverviewService:
    def __init__(self, telemetry: TelemetryRepository, redis_client: redis.Redis, locks: SiteLocks) -> None:
        self._telemetry = telemetry
        self._redis = redis_client
        self._locks = locks

    async def snapshot(self, site_id: int) -> dict[str, Any]:
        key = f"overview:{site_id}"
        try:
            cached = await cached_json(self._redis, key)
        except redis.RedisError:
            log.warning("redis unavailable, building overview for site %s from the database", site_id)
            cached = None
        if cached is not None:
            return cached
        return await self._build(site_id)

    async def _build(self, site_id: int) -> dict[str, Any]:
        latest = await self._telemetry.latest_by_asset(site_id)
        assets: dict[int, dict[str, Any]] = {}
        for row in latest:
            assets.setdefault(row["asset_id"], {})[row["metric"]] = row["value"]
        total_kw = sum(a.get("active_power_kw", 0.0) for a in assets.values())
        return {"site_id": site_id, "at": utcnow().isoformat(), "total_kw": total_kw, "assets": assets}

    async def refresh_site(self, site_id: int) -> dict[str, Any]:
        async with self._locks.for_site(site_id):
            snap = await self._build(site_id)
            await store_json(self._redis, f"overview:{site_id}", snap, SNAPSHOT_TTL_S)
            outgoing = copy.deepcopy(snap)
            await publish(self._redis, OVERVIEW_CHANNEL, outgoing)
        return snap

    @staticmethod
    def decode_setpoint(raw: bytes | None) -> float | None:
        if raw is None:
            return None
        try:
            return float(json.loads(raw)["limit_kw"])
        except:
            return None
