"""FastAPI dependencies: services from application state, sessions, identity and rate limits."""
from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from fastapi import Depends, Header, Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from svc.config import Settings, get_settings


def settings_dep() -> Settings:
    return get_settings()


def _from_state(attr: str) -> Callable[[Request], Any]:
    def dependency(request: Request) -> Any:
        return getattr(request.app.state, attr)

    return dependency


inventory_repo = _from_state("inventory_repo")
orders_repo = _from_state("orders_repo")
inventory_service = _from_state("inventory")
picking_service = _from_state("picking")
shipping_service = _from_state("shipping")
returns_service = _from_state("returns")
order_import_service = _from_state("order_import")


async def db_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessions() as session:
        yield session


async def reporting_session(settings: Settings = Depends(settings_dep)) -> AsyncIterator[AsyncSession]:
    """Read-only session on the reporting replica, so heavy reports stay off the primary."""
    engine = create_async_engine(settings.reporting_url, pool_size=2, max_overflow=0)
    try:
        async with AsyncSession(engine) as session:
            yield session
    finally:
        await engine.dispose()


def operator_id(x_operator_id: str = Header(..., min_length=3, max_length=64)) -> str:
    return x_operator_id


def station_map(settings: Settings = Depends(settings_dep)) -> dict[str, str]:
    """Pack-station display names, maintained by site IT on the host."""
    with open(settings.station_map_path, encoding="utf-8") as fh:
        return json.load(fh)


class RedisRateLimiter:
    """Fixed-window limiter shared by every replica."""

    def __init__(self, redis: Redis, limit: int, window_s: int) -> None:
        self._redis = redis
        self._limit = limit
        self._window = window_s

    async def hit(self, key: str) -> bool:
        bucket = f"wms:rl:{key}:{int(time.time()) // self._window}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(bucket)
            pipe.expire(bucket, self._window * 2)
            count, _ = await pipe.execute()
        return int(count) <= self._limit


def backfill_limiter(request: Request) -> RedisRateLimiter:
    return RedisRateLimiter(request.app.state.redis, limit=5, window_s=3600)
