"""Archives flags that no SDK has evaluated for a long time."""
from __future__ import annotations

import asyncio

import redis.asyncio as redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..cache.flag_cache import FlagCache
from ..cache.locks import LockRegistry
from ..db.models import Environment
from ..logging_setup import get_logger
from ..principal import SYSTEM
from ..repositories.flags import FlagRepository
from ..services.audit import AuditService
from ..services.flags import FlagService
from ..services.webhooks import WebhookDispatcher
from ..settings import Settings
from ..utils.timeutil import days_ago

logger = get_logger(__name__)


class FlagSweeper:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], client: redis.Redis, settings: Settings) -> None:
        self._sessionmaker = sessionmaker
        self._redis = client
        self._settings = settings

    def _flag_service(self, session: AsyncSession) -> FlagService:
        dispatcher = WebhookDispatcher(self._redis, self._settings.webhook_stream)
        return FlagService(
            session,
            FlagCache(self._redis, self._settings.sdk_cache_ttl_seconds),
            LockRegistry(),
            AuditService(session, dispatcher),
            self._redis,
            self._settings.flag_change_channel,
        )

    async def run_once(self) -> int:
        archived = 0
        cutoff = days_ago(self._settings.stale_flag_days)
        async with self._sessionmaker() as session:
            result = await session.execute(select(Environment).where(Environment.archived.is_(False)))
            envs = {env.id: env for env in result.scalars()}
            flags = self._flag_service(session)
            for flag in await FlagRepository(session).find_stale(list(envs), cutoff):
                flags.archive_flag(envs[flag.environment_id], flag.key, SYSTEM)
                archived += 1
        return archived

    async def run_forever(self) -> None:
        while True:
            try:
                count = await self.run_once()
                logger.info("stale_flags_archived", count=count)
            except Exception:
                logger.exception("flag_sweep_failed")
            await asyncio.sleep(self._settings.sweeper_interval_seconds)
