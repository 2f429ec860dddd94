from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..db.models import Environment, Project


class ProjectRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, project_id: uuid.UUID) -> Project | None:
        return await self._session.get(Project, project_id)

    async def projects_for_org(self, org_id: uuid.UUID) -> list[Project]:
        result = await self._session.execute(
            select(Project)
            .where(Project.org_id == org_id)
            .options(selectinload(Project.environments))
            .order_by(Project.key)
        )
        return list(result.scalars())

    async def list_environments(self, project_id: uuid.UUID) -> list[Environment]:
        result = await self._session.execute(
            select(Environment)
            .where(Environment.project_id == project_id, Environment.archived.is_(False))
            .order_by(Environment.key)
        )
        return list(result.scalars())

    async def get_environment(self, environment_id: uuid.UUID) -> Environment | None:
        return await self._session.get(Environment, environment_id)

    async def environment_by_sdk_hash(self, digest: str) -> Environment | None:
        result = await self._session.execute(select(Environment).where(Environment.sdk_key_hash == digest))
        return result.scalar_one_or_none()

    async def create(self, org_id: uuid.UUID, key: str, name: str) -> Project:
        project = Project(org_id=org_id, key=key, name=name)
        self._session.add(project)
        await self._session.flush()
        return project

    async def create_environment(self, project_id: uuid.UUID, key: str, sdk_key_hash: str) -> Environment:
        env = Environment(project_id=project_id, key=key, sdk_key_hash=sdk_key_hash)
        self._session.add(env)
        await self._session.flush()
        return env
