"""Surge multipliers per zone."""
from __future__ import annotations

import logging
from datetime import datetime
from decimal import Decimal

import asyncpg
import redis.asyncio as redis

from svc.config import get_settings

logger = logging.getLogger(__name__)

SURGE_KEY = "surge:{zone}"
SURGE_TTL_S = 120

_last_published: dict[str, float] = {}


def multiplier_for(open_requests: int, available_drivers: int) -> float:
    settings = get_settings()
    if available_drivers <= 0:
        return settings.surge_cap if open_requests else settings.surge_floor
    ratio = open_requests / available_drivers
    if ratio <= 1.0:
        return settings.surge_floor
    raw = 1.0 + (ratio - 1.0) * 0.5
    return round(min(raw, settings.surge_cap), 2)


class SurgeService:
    def __init__(self, redis_client: redis.Redis) -> None:
        self.redis = redis_client

    async def current(self, zone: str) -> Decimal:
        raw = await self.redis.get(SURGE_KEY.format(zone=zone))
        return Decimal(raw) if raw is not None else Decimal("1.00")

    async def current_or_default(self, zone: str) -> Decimal:
        try:
            value = await self.redis.get(SURGE_KEY.format(zone=zone))
        except redis.RedisError:
            logger.warning("surge lookup failed for %s, pricing at 1.0", zone, exc_info=True)
            return Decimal("1.00")
        return Decimal(value) if value is not None else Decimal("1.00")

    async def publish(self, multipliers: dict[str, float]) -> None:
        changed = {z: m for z, m in multipliers.items() if _last_published.get(z) != m}
        if not changed:
            return
        async with self.redis.pipeline(transaction=False) as pipe:
            for zone, mult in changed.items():
                pipe.set(SURGE_KEY.format(zone=zone), f"{mult:.2f}", ex=SURGE_TTL_S)
            await pipe.execute()
        _last_published.update(changed)
        await self.redis.publish("surge:updates", ",".join(f"{z}={m:.2f}" for z, m in changed.items()))


class SurgeHistory:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def page(self, zone: str, before: datetime | None, limit: int = 100) -> list[dict]:
        async with self.pool.acquire() as conn:
            if before is None:
                rows = await conn.fetch(
                    "SELECT computed_at, multiplier, open_requests FROM surge_snapshots "
                    "WHERE zone = $1 ORDER BY computed_at DESC LIMIT $2",
                    zone,
                    limit,
                )
            else:
                rows = await conn.fetch(
                    "SELECT computed_at, multiplier, open_requests FROM surge_snapshots "
                    "WHERE zone = $1 AND computed_at < $2 ORDER BY computed_at DESC LIMIT $3",
                    zone,
                    before,
                    limit,
                )
        return [
            {"computed_at": r["computed_at"].isoformat(), "multiplier": float(r["multiplier"]), "open": r["open_requests"]}
            for r in rows
        ]

    async def prune(self, older_than: datetime) -> int:
        async with self.pool.acquire() as conn:
            status = await conn.execute("DELETE FROM surge_snapshots WHERE computed_at < $1", older_than)
        return int(status.split()[-1])
