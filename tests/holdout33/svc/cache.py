"""Redis connection and the caches built on it."""
from __future__ import annotations

import contextlib
import json
import logging
import threading
from dataclasses import asdict, dataclass
from typing import Any

from cachetools import TTLCache
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from .config import Settings
from .repositories import sku_repo, stock_repo

log = logging.getLogger(__name__)

OCCUPANCY_HASH = "wms:bin-occupancy"


def create_redis(settings: Settings) -> Redis:
    return Redis.from_url(
        settings.redis_url,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_connect_timeout,
        health_check_interval=30,
        retry_on_timeout=True,
        decode_responses=True,
    )


class BinOccupancyCache:
    """Per-process view of bin fill levels used by put-away suggestions."""

    def __init__(self, redis: Redis, ttl_s: float = 30.0) -> None:
        self._redis = redis
        self._lock = threading.Lock()
        self._entries: TTLCache[int, int] = TTLCache(maxsize=50_000, ttl=ttl_s)

    async def occupancy(self, bin_id: int) -> int:
        with self._lock:
            cached = self._entries.get(bin_id)
            if cached is not None:
                return cached
            raw = await self._redis.hget(OCCUPANCY_HASH, str(bin_id))
            value = int(raw or 0)
            self._entries[bin_id] = value
            return value

    def forget(self, bin_id: int) -> None:
        self._entries.pop(bin_id, None)


@dataclass(frozen=True, slots=True)
class SkuInfo:
    id: int
    sku_code: str
    barcode: str
    description: str
    weight_g: int | None


class SkuCache:
    """Read-through cache for SKU master data."""

    def __init__(self, redis: Redis, ttl_s: int = 600) -> None:
        self._redis = redis
        self._ttl_s = ttl_s
        self._local: dict[str, SkuInfo] = {}

    async def get(self, session: AsyncSession, sku_code: str) -> SkuInfo | None:
        hit = self._local.get(sku_code)
        if hit is not None:
            return hit
        raw = await self._redis.get(f"wms:sku:{sku_code}")
        if raw is not None:
            info = SkuInfo(**json.loads(raw))
        else:
            sku = await sku_repo.get_by_code(session, sku_code)
            if sku is None:
                return None
            info = SkuInfo(sku.id, sku.sku_code, sku.barcode, sku.description, sku.weight_g)
            await self._redis.set(f"wms:sku:{sku_code}", json.dumps(asdict(info)), ex=self._ttl_s)
        self._local[sku_code] = info
        return info


class AvailabilityCache:
    """Short-lived cache of sellable quantities, shared by all replicas."""

    def __init__(self, redis: Redis, ttl_s: int = 15) -> None:
        self._redis = redis
        self._ttl_s = ttl_s

    async def available(self, session: AsyncSession, sku_id: int, warehouse_id: int) -> int:
        key = f"wms:avail:{sku_id}"
        try:
            cached = await self._redis.get(key)
        except RedisError:
            log.warning("availability cache unreachable; reading from the database", exc_info=True)
            cached = None
        if cached is not None:
            return int(cached)
        value = await stock_repo.available_qty(session, sku_id, warehouse_id)
        with contextlib.suppress(RedisError):
            await self._redis.set(key, value, ex=self._ttl_s)
        return value

    async def pick_face(self, session: AsyncSession, sku_id: int, warehouse_id: int) -> dict[str, Any] | None:
        face_key = f"wms:pickface:{warehouse_id}:{sku_id}"
        with contextlib.suppress(RedisError):
            raw = await self._redis.get(face_key)
            if raw is not None:
                return json.loads(raw)
        found = await stock_repo.pick_face_level(session, sku_id, warehouse_id)
        if found is None:
            return None
        level, max_units = found
        data = {"bin_id": level.bin_id, "on_hand": level.qty_on_hand, "max_units": max_units}
        with contextlib.suppress(RedisError):
            await self._redis.set(face_key, json.dumps(data), ex=self._ttl_s)
        return data

    async def invalidate(self, sku_id: int, warehouse_id: int) -> None:
        with contextlib.suppress(RedisError):
            await self._redis.delete(f"wms:avail:{sku_id}", f"wms:pickface:{warehouse_id}:{sku_id}")
