"""Organizations, projects and their environments."""
from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import current_principal, get_session, require_admin
from ..errors import Conflict, Forbidden, NotFound
from ..principal import Principal
from ..repositories.orgs import OrgRepository
from ..repositories.projects import ProjectRepository
from ..services.environments import EnvironmentService

router = APIRouter(tags=["orgs"])


class OrgCreate(BaseModel):
    slug: str = Field(pattern=r"^[a-z0-9-]{3,64}$")
    name: str = Field(min_length=1, max_length=200)


@router.post("/orgs", status_code=201)
async def create_org(body: OrgCreate, session: AsyncSession = Depends(get_session)) -> dict[str, str]:
    org_id = await OrgRepository(session).create_if_absent(body.slug, body.name)
    if org_id is None:
        raise Conflict(f"organization {body.slug!r} already exists")
    return {"id": str(org_id), "slug": body.slug}


@router.get("/orgs/{slug}")
async def org_overview(
    slug: str, principal: Principal = Depends(current_principal), session: AsyncSession = Depends(get_session)
) -> dict[str, object]:
    org = await OrgRepository(session).get_by_slug(slug)
    if org is None:
        raise NotFound(f"organization {slug!r}")
    if org.id != principal.org_id:
        raise Forbidden("not a member of this organization")
    projects = await ProjectRepository(session).projects_for_org(org.id)
    return {
        "id": str(org.id),
        "name": org.name,
        "projects": [
            {"key": p.key, "name": p.name, "environments": [e.key for e in p.environments]} for p in projects
        ],
    }


class ProjectCreate(BaseModel):
    key: str = Field(pattern=r"^[a-z0-9_-]{2,64}$")
    name: str


@router.post("/projects", status_code=201)
async def create_project(
    body: ProjectCreate,
    request: Request,
    principal: Principal = Depends(require_admin),
    session: AsyncSession = Depends(get_session),
) -> dict[str, object]:
    project = await ProjectRepository(session).create(principal.org_id, body.key, body.name)
    sdk_keys = await EnvironmentService(session, request.app.state.locks).create_defaults(project)
    return {"id": str(project.id), "key": project.key, "sdk_keys": sdk_keys}


@router.get("/projects/{project_id}/environments")
async def list_environments(
    project_id: uuid.UUID,
    archived: bool = False,
    principal: Principal = Depends(current_principal),
    session: AsyncSession = Depends(get_session),
) -> list[dict[str, object]]:
    repo = ProjectRepository(session)
    project = await repo.get(project_id)
    if project is None or project.org_id != principal.org_id:
        raise NotFound("project")
    envs = await repo.list_environments(project_id, include_archived=archived)
    return [{"id": str(e.id), "key": e.key, "version": e.version} for e in envs]
