from __future__ import annotations

import contextlib
import json
import logging

import redis.asyncio as redis
from fastapi import APIRouter, Depends
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from glossa.cache import ProjectSettingsCache
from glossa.db.models import Project, User
from glossa.deps import current_user, get_redis, get_session, project_access, service
from glossa.repositories.projects import ProjectRepository
from glossa.repositories.strings import StringRepository
from glossa.schemas import ProjectOut, SettingsPatch

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/projects", tags=["projects"])

_projects = ProjectRepository()
_strings = StringRepository()


def _summary_key(project_id: int) -> str:
    return f"project:summary:{project_id}"


async def _cached(client: redis.Redis, key: str) -> str | None:
    try:
        return await client.get(key)
    except RedisError:
        logger.warning("redis unavailable, reading %s from postgres", key)
        return None


@router.get("", response_model=list[ProjectOut])
async def list_projects(user: User = Depends(current_user), session: AsyncSession = Depends(get_session)) -> list[ProjectOut]:
    projects = await _projects.for_org(session, user.org_id)
    out = []
    for project in projects:
        total = await _strings.count_for_project(session, project.id)
        out.append(ProjectOut.model_validate(project).model_copy(update={"string_count": total}))
    return out


@router.get("/{project_id}")
async def get_project(
    project: Project = Depends(project_access),
    client: redis.Redis = Depends(get_redis),
    session: AsyncSession = Depends(get_session),
) -> dict:
    key = _summary_key(project.id)
    cached = await _cached(client, key)
    if cached is not None:
        return json.loads(cached)
    summary = {
        "id": project.id,
        "slug": project.slug,
        "name": project.name,
        "source_locale": project.source_locale,
        "target_locales": project.target_locales,
        "strings": await _strings.count_for_project(session, project.id),
    }
    with contextlib.suppress(RedisError):
        await client.set(key, json.dumps(summary), ex=60)
    return summary


@router.get("/{project_id}/settings")
async def get_project_settings(
    project: Project = Depends(project_access),
    settings_cache: ProjectSettingsCache = Depends(service("project_settings")),
) -> dict:
    return await settings_cache.get(project.id)


@router.patch("/{project_id}/settings")
async def update_project_settings(
    body: SettingsPatch,
    project: Project = Depends(project_access),
    session: AsyncSession = Depends(get_session),
) -> dict:
    updated = await _projects.update_settings(session, project.id, body.changes())
    await session.commit()
    return updated.settings
