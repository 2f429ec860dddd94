"""Shared resources for worker processes (one process per worker kind)."""
from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import asyncpg
import httpx
import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from stacks.cache.redis_client import build_redis
from stacks.clients.distributor import DistributorClient
from stacks.clients.email import EmailClient
from stacks.clients.sms import SmsClient
from stacks.clients.union_catalogue import UnionCatalogueClient
from stacks.db.engine import build_engine, build_sessionmaker
from stacks.db.pool import create_pg_pool
from stacks.services.notices import NoticeService
from stacks.settings import Settings, get_settings


@dataclass
class WorkerContext:
    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]
    pg_pool: asyncpg.Pool
    redis: redis.Redis
    http: httpx.AsyncClient
    notices: NoticeService
    distributor: DistributorClient
    union_catalogue: UnionCatalogueClient


@contextlib.asynccontextmanager
async def worker_context() -> AsyncIterator[WorkerContext]:
    settings = get_settings()
    engine = build_engine(settings)
    pool = await create_pg_pool(settings)
    client = build_redis(settings)
    http = httpx.AsyncClient(timeout=httpx.Timeout(10.0))
    distributor = DistributorClient(settings)
    union = UnionCatalogueClient(settings.union_catalogue_url)
    try:
        yield WorkerContext(
            settings=settings,
            sessionmaker=build_sessionmaker(engine),
            pg_pool=pool,
            redis=client,
            http=http,
            notices=NoticeService(EmailClient(settings, http), SmsClient(settings)),
            distributor=distributor,
            union_catalogue=union,
        )
    finally:
        await union.aclose()
        await distributor.aclose()
        await http.aclose()
        await client.aclose()
        await pool.close()
        await engine.dispose()
