"""Cutting releases: version the approved strings and tell customers' CI."""
from __future__ import annotations

import logging

import httpx
import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from glossa.cache import redis_lock
from glossa.db.models import Project, Release
from glossa.repositories.projects import ProjectRepository
from glossa.repositories.strings import StringRepository
from glossa.services.webhooks import WebhookDispatcher

logger = logging.getLogger(__name__)


class ReleaseService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], client: redis.Redis, projects: ProjectRepository,
                 strings: StringRepository, webhooks: WebhookDispatcher, http: httpx.AsyncClient) -> None:
        self._sessions = sessions
        self._redis = client
        self._projects = projects
        self._strings = strings
        self._webhooks = webhooks
        self._http = http

    @staticmethod
    def _dirty_key(project_id: int) -> str:
        return f"release:dirty:{project_id}"

    async def mark_dirty(self, project_id: int, string_id: int) -> None:
        await self._redis.sadd(self._dirty_key(project_id), string_id)

    async def pending_changes(self, project_id: int) -> int:
        return int(await self._redis.scard(self._dirty_key(project_id)))

    async def cut(self, project_id: int, user_id: int) -> Release:
        async with redis_lock(self._redis, f"release:{project_id}", ttl=120, wait=10):
            async with self._sessions() as session, session.begin():
                project = await self._projects.require(session, project_id)
                strings = await self._strings.list_for_project(session, project_id)
                last = await self._projects.latest_release(session, project_id)
                release = Release(
                    project_id=project_id,
                    version=(last.version + 1) if last else 1,
                    string_count=len(strings),
                    created_by=user_id,
                )
                session.add(release)
                await session.flush()
            changed = await self.pending_changes(project_id)
            await self._redis.delete(self._dirty_key(project_id))
        payload = {
            "project": {"id": project.id, "slug": project.slug},
            "release": {"id": release.id, "version": release.version, "strings": release.string_count},
            "changed_strings": changed,
        }
        await self._webhooks.enqueue(project_id, "release.published", payload)
        await self._trigger_ci(project, payload)
        logger.info("release %s v%d cut by user %s", project.slug, release.version, user_id)
        return release

    async def _trigger_ci(self, project: Project, payload: dict) -> None:
        """Optional build-trigger URL (e.g. a CI pipeline trigger) set in the project settings."""
        url = project.settings.get("ci_trigger_url")
        if not url:
            return
        try:
            await self._http.post(url, json=payload, headers={"X-Glossa-Event": "release.published"})
        except httpx.HTTPError:
            pass
