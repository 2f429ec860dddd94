from __future__ import annotations

import socket
from dataclasses import dataclass

import asyncpg
import redis.asyncio as redis

from ..cache.redis_client import close_redis, init_redis
from ..db.engine import dispose_engine, init_engine, sessionmaker
from ..db.pg import close_pool, open_pool
from ..settings import Settings, get_settings


@dataclass
class WorkerContext:
    settings: Settings
    pool: asyncpg.Pool
    redis: redis.Redis
    owner: str

    @property
    def sessions(self):
        return sessionmaker()


async def open_context() -> WorkerContext:
    settings = get_settings()
    init_engine()
    pool = await open_pool()
    return WorkerContext(settings=settings, pool=pool, redis=init_redis(), owner=socket.gethostname())


async def close_context(ctx: WorkerContext) -> None:
    await close_pool()
    await close_redis()
    await dispose_engine()
