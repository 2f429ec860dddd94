from __future__ import annotations

import logging
from typing import Any

from redis.asyncio import Redis

from ..clients.health_authority import HealthAuthorityClient
from ..infra.cache import JsonCache
from ..repositories.wards import WardRepository
from ..settings import Settings
from ..utils.files import archive_snapshot
from ..utils.timeutil import utcnow

logger = logging.getLogger(__name__)

LAST_GOOD_KEY = "capacity:last_good"


class CapacityService:
    def __init__(
        self,
        wards: WardRepository,
        client: HealthAuthorityClient,
        redis: Redis,
        cache: JsonCache,
        settings: Settings,
    ) -> None:
        self._wards = wards
        self._client = client
        self._redis = redis
        self._cache = cache
        self._settings = settings

    async def build_snapshot(self) -> dict[str, Any]:
        rows = await self._wards.occupancy_summary()
        return {
            "facility": "MAIN",
            "generated_at": utcnow().isoformat(),
            "wards": rows,
            "totals": {
                "occupied": sum(r["occupied"] for r in rows),
                "available": sum(r["ready"] for r in rows),
                "total": sum(r["total"] for r in rows),
            },
        }

    async def push_snapshot(self) -> str:
        snapshot = await self.build_snapshot()
        submission_id = await self._client.push_capacity(snapshot)
        await self._cache.set(LAST_GOOD_KEY, snapshot, ttl=6 * 3600)
        logger.info("capacity snapshot %s submitted", submission_id)
        return submission_id

    async def export_snapshot(self) -> str:
        snapshot = await self.build_snapshot()
        name = f"capacity-{utcnow():%Y%m%dT%H%M%S}"
        path = archive_snapshot(self._settings.archive_dir, name, snapshot)
        return str(path)

    async def public_summary(self) -> dict[str, Any]:
        try:
            return await self.build_snapshot()
        except OSError:
            logger.warning("live capacity unavailable, serving last submitted snapshot", exc_info=True)
            cached = await self._cache.get(LAST_GOOD_KEY)
            if cached is None:
                raise
            return {**cached, "stale": True}

    async def record_admission(self, ward_id: int) -> None:
        key = f"capacity:admissions:{utcnow():%Y%m%d}"
        current = await self._redis.hget(key, str(ward_id))
        await self._redis.hset(key, str(ward_id), int(current or 0) + 1)
        await self._redis.expire(key, 3 * 86400)

    async def record_discharge(self, ward_id: int) -> None:
        key = f"capacity:discharges:{utcnow():%Y%m%d}"
        await self._redis.hincrby(key, str(ward_id), 1)
        await self._redis.expire(key, 3 * 86400)

    async def daily_flow(self, day: str) -> dict[str, dict[str, int]]:
        admissions = await self._redis.hgetall(f"capacity:admissions:{day}")
        discharges = await self._redis.hgetall(f"capacity:discharges:{day}")
        return {
            ward: {"admitted": int(admissions.get(ward, 0)), "discharged": int(discharges.get(ward, 0))}
            for ward in set(admissions) | set(discharges)
        }
