from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from .cache.locks import KeyedLocks
from .cache.redis import JsonCache, build_redis
from .clients.econsent import EConsentClient
from .clients.meddra import MeddraClient
from .clients.safety_db import SafetyGateway
from .clients.irt import IrtClient
from .clients.sponsor import SponsorClient
from .db import build_engine, build_sessionmaker
from .db.pg import PgDatabase, create_pool
from .repositories.audit import AuditRepository
from .services.audit import AuditService
from .services.dashboard import DashboardHub
from .services.edit_checks import EditCheckEngine
from .services.queries import QueryThreadHub
from .settings import Settings
from .utils.files import load_codelists

log = logging.getLogger(__name__)


class BackgroundTasks:
    """Tasks owned by the application: kept referenced, logged on failure, cancelled on shutdown."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Awaitable[Any], name: str) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background task %s failed", task.get_name(), exc_info=task.exception())

    def supervise(self, factory: Callable[[], Awaitable[None]], name: str) -> asyncio.Task[Any]:
        return self.spawn(self._restart_with_backoff(factory, name), name=f"supervisor:{name}")

    async def _restart_with_backoff(self, factory: Callable[[], Awaitable[None]], name: str) -> None:
        delay = 1.0
        while True:
            try:
                await factory()
                delay = 1.0
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("%s stopped unexpectedly; restarting in %.1fs", name, delay)
            await asyncio.sleep(delay + random.uniform(0, delay / 2))
            delay = min(delay * 2, 60.0)

    async def shutdown(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        # Failures were already logged by the done-callback.
        await asyncio.gather(*tasks, return_exceptions=True)


@dataclass
class Container:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    pg: PgDatabase
    redis: redis.Redis
    cache: JsonCache
    locks: KeyedLocks
    sponsor: SponsorClient
    econsent: EConsentClient
    gateway: SafetyGateway
    irt: IrtClient
    meddra: MeddraClient
    audit: AuditService
    edit_checks: EditCheckEngine
    dashboard: DashboardHub
    query_hub: QueryThreadHub
    background: BackgroundTasks
    executor: ProcessPoolExecutor

    async def close(self) -> None:
        await self.background.shutdown()
        await self.sponsor.aclose()
        await self.irt.aclose()
        await self.meddra.aclose()
        await self.econsent.close()
        self.gateway.close()
        await self.redis.aclose()
        await self.pg.pool.close()
        await self.engine.dispose()
        self.executor.shutdown(wait=False, cancel_futures=True)


async def build_container(settings: Settings) -> Container:
    engine = build_engine(settings)
    pool = await create_pool(settings)
    pg = PgDatabase(pool, settings.pg_acquire_timeout)
    redis_client = build_redis(settings)
    econsent = EConsentClient(settings.econsent_url, settings.econsent_api_key, settings.econsent_webhook_secret)
    await econsent.start()
    codelists = await asyncio.to_thread(load_codelists, settings.codelist_dir)
    return Container(
        settings=settings,
        engine=engine,
        sessionmaker=build_sessionmaker(engine),
        pg=pg,
        redis=redis_client,
        cache=JsonCache(redis_client),
        locks=KeyedLocks(),
        sponsor=SponsorClient(settings.sponsor_api_url, settings.sponsor_api_token),
        econsent=econsent,
        gateway=SafetyGateway(settings.safety_db_url, settings.safety_db_user, settings.safety_db_password),
        irt=IrtClient(settings.irt_url, settings.irt_api_key),
        meddra=MeddraClient(settings.meddra_url),
        audit=AuditService(AuditRepository(pg), settings.audit_spool_path),
        edit_checks=EditCheckEngine(codelists),
        dashboard=DashboardHub(settings.dashboard_snapshot_ttl),
        query_hub=QueryThreadHub(redis_client),
        background=BackgroundTasks(),
        executor=ProcessPoolExecutor(max_workers=2),
    )
