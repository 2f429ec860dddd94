"""Background workers, run as `python -m glossa.workers <name>`; each builds its own WorkerContext."""
from __future__ import annotations

from dataclasses import dataclass

import asyncpg
import httpx
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from glossa.cache import build_redis
from glossa.db import build_engine, build_sessionmaker, create_pg_pool
from glossa.settings import Settings, get_settings


@dataclass
class WorkerContext:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    pg: asyncpg.Pool
    redis: aioredis.Redis
    http: httpx.AsyncClient

    async def aclose(self) -> None:
        await self.http.aclose()
        await self.redis.aclose()
        await self.pg.close()
        await self.engine.dispose()


async def build_context(settings: Settings | None = None) -> WorkerContext:
    settings = settings or get_settings()
    engine = build_engine(settings)
    return WorkerContext(
        settings=settings,
        engine=engine,
        sessions=build_sessionmaker(engine),
        pg=await create_pg_pool(settings),
        redis=build_redis(settings),
        http=httpx.AsyncClient(timeout=httpx.Timeout(30.0, connect=5.0)),
    )
