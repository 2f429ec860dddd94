from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import aiohttp
import asyncpg
import redis
import redis.asyncio as aioredis
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from ..clients.mailer import Mailer
from ..clients.orcid import OrcidClient
from ..clients.payments import PaymentsClient
from ..clients.plagiarism import PlagiarismClient
from ..clients.storage import ObjectStorage
from ..repositories.assignments import AssignmentRepository
from ..repositories.submissions import SubmissionRepository
from ..services.assignment import AssignmentService
from ..services.ratelimit import LoginThrottle, RateLimiter
from .db import create_engine, create_pool, make_sessionmaker
from .redis import create_redis, create_sync_redis
from .settings import Settings


@dataclass
class Container:
    settings: Settings
    pool: asyncpg.Pool
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    redis: aioredis.Redis
    sync_redis: redis.Redis
    http: aiohttp.ClientSession
    storage: ObjectStorage
    plagiarism: PlagiarismClient
    mailer: Mailer
    payments: PaymentsClient
    orcid: OrcidClient
    cpu_pool: ProcessPoolExecutor
    assignments: AssignmentService
    login_throttle: LoginThrottle
    rate_limiter: RateLimiter


CONTAINER = web.AppKey("container", Container)

DEFAULT_TIMEOUT = aiohttp.ClientTimeout(total=30, connect=5)


def make_session(**headers: str) -> aiohttp.ClientSession:
    """Shared outbound session; closed together with the container."""
    return aiohttp.ClientSession(timeout=DEFAULT_TIMEOUT, headers=headers or None)


async def build_container(settings: Settings) -> Container:
    pool = await create_pool(settings)
    engine = create_engine(settings)
    http = make_session()
    redis_client = create_redis(settings)
    sync_redis = create_sync_redis(settings)
    cpu_pool = ProcessPoolExecutor(max_workers=2)
    return Container(
        settings=settings,
        pool=pool,
        engine=engine,
        sessionmaker=make_sessionmaker(engine),
        redis=redis_client,
        sync_redis=sync_redis,
        http=http,
        storage=ObjectStorage(settings, http),
        plagiarism=PlagiarismClient(settings),
        mailer=Mailer(settings),
        payments=PaymentsClient(settings),
        orcid=OrcidClient(http),
        cpu_pool=cpu_pool,
        assignments=AssignmentService(
            settings, make_sessionmaker(engine), SubmissionRepository(pool), AssignmentRepository(pool), cpu_pool
        ),
        login_throttle=LoginThrottle(sync_redis, settings.login_attempts_per_minute),
        rate_limiter=RateLimiter(redis_client, limit=120),
    )


async def close_container(c: Container) -> None:
    await c.plagiarism.aclose()
    await c.mailer.aclose()
    await c.http.close()
    await c.redis.aclose()
    c.sync_redis.close()
    await c.pool.close()
    await c.engine.dispose()
    c.cpu_pool.shutdown(wait=False, cancel_futures=True)
