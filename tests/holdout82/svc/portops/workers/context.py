from __future__ import annotations

from dataclasses import dataclass

import asyncpg
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from portops.cache.redis_client import build_redis
from portops.db.engine import build_engine, build_sessionmaker
from portops.db.pg import create_pg_pool
from portops.settings import Settings, get_settings


@dataclass
class WorkerContext:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    pg: asyncpg.Pool
    redis: aioredis.Redis

    async def close(self) -> None:
        await self.pg.close()
        await self.redis.aclose()
        await self.engine.dispose()


async def open_context() -> WorkerContext:
    settings = get_settings()
    engine = build_engine(settings)
    return WorkerContext(
        settings=settings,
        engine=engine,
        sessionmaker=build_sessionmaker(engine),
        pg=await create_pg_pool(settings),
        redis=build_redis(settings),
    )
