from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any

import redis.asyncio as redis

from ..cache.pubsub import ALARM_CHANNEL, publish
from ..repositories.alarms import AlarmRepository
from ..repositories.sites import AssetRepository
from ..utils.timeutil import utcnow

log = logging.getLogger(__name__)

FAULT_METRICS = {"fault_code", "inverter_trip", "pitch_fault", "grid_loss"}


class AlarmService:
    def __init__(self, alarms: AlarmRepository, redis_client: redis.Redis) -> None:
        self._alarms = alarms
        self._redis = redis_client

    async def raise_if_new(self, site_id: int, asset_id: int, code: str, severity: int, at: datetime) -> int | None:
        existing = await self._alarms.active_for_asset(asset_id, code)
        if existing is not None:
            return None
        alarm_id = await self._alarms.raise_alarm(site_id, asset_id, code, severity, at)
        await self._announce({"event": "raised", "id": alarm_id, "site_id": site_id, "code": code})
        return alarm_id

    async def acknowledge(self, alarm_id: int, operator: str) -> bool:
        ok = await self._alarms.acknowledge(alarm_id, operator, utcnow())
        if ok:
            publish(self._redis, ALARM_CHANNEL, {"event": "acked", "id": alarm_id, "by": operator})
        return ok

    async def console_rows(self, site_id: int, assets: AssetRepository) -> list[dict[str, Any]]:
        rows = await self._alarms.unacked_for_site(site_id, utcnow() - timedelta(days=7))
        out = []
        for row in rows:
            asset = await assets.get_asset(row["asset_id"]) if row["asset_id"] else None
            out.append({**dict(row), "asset_serial": asset.serial if asset else None})
        return out

    async def console_rows_batched(self, site_id: int, assets: AssetRepository) -> list[dict[str, Any]]:
        rows = await self._alarms.unacked_for_site(site_id, utcnow() - timedelta(days=7))
        by_id = await assets.many(sorted({r["asset_id"] for r in rows if r["asset_id"]}))
        return [{**dict(r), "asset_serial": getattr(by_id.get(r["asset_id"]), "serial", None)} for r in rows]

    async def clear_for_assets(self, site_id: int, asset_codes: list[tuple[int, str]]) -> int:
        """Clear alarms for assets that reported healthy again, a bounded number at a time."""
        limiter = asyncio.Semaphore(10)

        async def _clear(asset_id: int, code: str) -> bool:
            async with limiter:
                row = await self._alarms.active_for_asset(asset_id, code)
                if row is None:
                    return False
                await self._alarms.clear(row["id"], utcnow())
                return True

        results = await asyncio.gather(*(_clear(a, c) for a, c in asset_codes))
        return sum(results)

    async def _announce(self, payload: dict[str, Any]) -> None:
        try:
            await publish(self._redis, ALARM_CHANNEL, payload)
        except redis.RedisError:
            pass
