"""Scheduled git sync. Started from the API lifespan; walks the links whose next_sync_at has come."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from glossa.db.models import GitLink
from glossa.errors import GitSyncError
from glossa.repositories.projects import GitLinkRepository
from glossa.services.git_sync import GitSyncService
from glossa.settings import Settings

logger = logging.getLogger(__name__)


class GitSyncScheduler:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], links: GitLinkRepository, sync: GitSyncService,
                 settings: Settings) -> None:
        self._sessions = sessions
        self._links = links
        self._sync = sync
        self._settings = settings

    async def run_forever(self) -> None:
        while True:
            await self.tick()
            await asyncio.sleep(self._settings.git_scheduler_tick)

    async def tick(self) -> int:
        now = datetime.now(timezone.utc)
        async with self._sessions() as session:
            links = await self._links.due_for_sync(session, now)
        for link in links:
            await self._sync_one(link)
        return len(links)

    async def _sync_one(self, link: GitLink) -> None:
        interval = link.interval_seconds or self._settings.git_sync_interval
        next_at = datetime.now(timezone.utc) + timedelta(seconds=interval)
        try:
            result = await self._sync.sync(link)
        except GitSyncError as exc:
            async with self._sessions() as session, session.begin():
                await self._links.record_result(session, link.id, commit=None, error=exc.message, next_sync_at=next_at)
            return
        async with self._sessions() as session, session.begin():
            await self._links.record_result(session, link.id, commit=result.commit, error=None, next_sync_at=next_at)
        if not result.unchanged:
            logger.info("git sync project=%s repo=%s commit=%s files=%d", link.project_id, link.repo, result.commit[:10], result.files)
