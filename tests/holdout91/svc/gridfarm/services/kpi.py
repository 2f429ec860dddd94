from __future__ import annotations

import logging
import threading
from datetime import date, datetime, timezone
from typing import Any

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache.memo import cached_json, store_json
from ..repositories.sites import AssetRepository
from ..repositories.telemetry import TelemetryRepository

log = logging.getLogger(__name__)

KPI_TTL_S = 3600
SITE_KINDS = ("wind", "solar", "hybrid")


class KpiService:
    def __init__(self, telemetry: TelemetryRepository, redis_client: redis.Redis) -> None:
        self._telemetry = telemetry
        self._redis = redis_client
        self._stats_lock = threading.Lock()
        self._last_run: dict[int, datetime] = {}

    async def availability(self, session: AsyncSession, site_id: int, day: date) -> dict[str, Any]:
        key = f"kpi:availability:{site_id}"
        cached = await cached_json(self._redis, key)
        if cached is not None:
            return cached
        start = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        end = start + timedelta(days=1)
        assets = await AssetRepository(session).for_site(site_id)
        per_asset: dict[int, float] = {}
        for asset in assets:
            running = await self._telemetry.running_seconds(asset.id, start, end)
            per_asset[asset.id] = 100.0 * running / 86_400
        site_pct = sum(per_asset.values()) / len(per_asset) if per_asset else 0.0
        result = {"site_id": site_id, "day": day.isoformat(), "availability_pct": round(site_pct, 2),
                  "assets": per_asset}
        await store_json(self._redis, key, result, KPI_TTL_S)
        return result

    async def record_run(self, site_id: int, session: AsyncSession) -> None:
        lock = self._stats_lock
        with lock:
            self._last_run[site_id] = datetime.now(timezone.utc)
            await session.commit()

    def last_runs(self) -> dict[int, str]:
        with self._stats_lock:
            return {k: v.isoformat() for k, v in self._last_run.items()}

    async def fleet_summary(self, session: AsyncSession) -> dict[str, Any]:
        """Installed capacity per technology for the fleet dashboard header."""
        from sqlalchemy import func, select

        from ..db.models import Site

        summary: dict[str, Any] = {}
        for kind in SITE_KINDS:
            total = await session.scalar(select(func.coalesce(func.sum(Site.capacity_kw), 0)).where(Site.kind == kind))
            summary[kind] = float(total or 0)
        return summary

    async def availability_fast(self, site_id: int, day: date) -> dict[str, Any]:
        key = f"kpi:availability-fast:{site_id}:{day.isoformat()}"
        cached = await cached_json(self._redis, key)
        if cached is not None:
            return cached
        start = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        running = await self._telemetry.running_seconds_by_asset(site_id, start, start.replace(hour=23, minute=59))
        per_asset = {asset_id: 100.0 * seconds / 86_400 for asset_id, seconds in running.items()}
        result = {"site_id": site_id, "day": day.isoformat(), "assets": per_asset}
        await store_json(self._redis, key, result, KPI_TTL_S)
        return result

    async def capacity_factor(self, site_id: int, capacity_kw: float, day: date) -> float:
        energy = await self._telemetry.energy_for_day(site_id, day)
        return energy / (capacity_kw * 24 / 1000.0) if capacity_kw else 0.0
