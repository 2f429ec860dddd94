"""Per-tenant database pools: one per tenant DSN, made on first use."""
from __future__ import annotations

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

_POOLS: dict[str, asyncpg.Pool] = {}


async def tenant_pool(dsn: str) -> asyncpg.Pool:
    if dsn not in _POOLS:
        _POOLS[dsn] = await asyncpg.create_pool(dsn, min_size=1, max_size=5)
    return _POOLS[dsn]


class ReportingEngines:
    """Read-replica engines, one per region."""

    def __init__(self, urls: dict[str, str]) -> None:
        self._urls = urls
        self._engines: dict[str, AsyncEngine] = {}

    def for_region(self, region: str) -> AsyncEngine:
        if region not in self._engines:
            engine = create_async_engine(self._urls[region], pool_size=5)
            self._engines[region] = engine
        return self._engines[region]


async def scratch_count(dsn: str) -> int:
    pool = await asyncpg.create_pool(dsn, max_size=2)  # expect: connection-management
    try:
        return await pool.fetchval("SELECT count(*) FROM scratch")
    finally:
        await pool.close()


def audit_engine(url: str) -> AsyncEngine:
    engine = create_async_engine(url)
    return engine
