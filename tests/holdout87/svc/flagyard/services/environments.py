from __future__ import annotations

import secrets
import uuid

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache.locks import LockRegistry
from ..db.models import Environment, Project
from ..repositories.projects import ProjectRepository
from ..utils.hashing import sdk_key_digest

DEFAULT_ENVIRONMENTS = ("development", "staging", "production")


class EnvironmentService:
    def __init__(self, session: AsyncSession, locks: LockRegistry) -> None:
        self._session = session
        self._projects = ProjectRepository(session)
        self._locks = locks

    async def create_defaults(self, project: Project) -> dict[str, str]:
        """Create the standard environments; returns the raw SDK keys, shown once."""
        raw_keys: dict[str, str] = {}
        for key in DEFAULT_ENVIRONMENTS:
            raw = f"sdk-{key[:3]}-{secrets.token_urlsafe(24)}"
            await self._projects.create_environment(project.id, key, sdk_key_digest(raw))
            raw_keys[key] = raw
        await self._session.commit()
        return raw_keys

    async def bump_version(self, environment_id: uuid.UUID) -> None:
        async with self._locks.for_env(environment_id):
            await self._session.execute(
                update(Environment)
                .where(Environment.id == environment_id)
                .values(version=Environment.version + 1)
            )
