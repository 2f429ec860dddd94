from __future__ import annotations

import secrets

import asyncpg
from fastapi import APIRouter, Depends, Response
from fastapi.responses import JSONResponse

from glossa.db.models import Project, User
from glossa.deps import current_user, get_pool, project_access, service
from glossa.errors import NotFound
from glossa.repositories.jobs import WebhookRepository
from glossa.schemas import WebhookIn
from glossa.services.releases import ReleaseService
from glossa.services.webhooks import WebhookDispatcher

router = APIRouter(tags=["releases"])


@router.post("/projects/{project_id}/releases", status_code=201)
async def cut_release(
    project: Project = Depends(project_access),
    user: User = Depends(current_user),
    releases: ReleaseService = Depends(service("releases")),
) -> dict:
    release = await releases.cut(project.id, user.id)
    return {"id": release.id, "version": release.version, "strings": release.string_count}


@router.post("/projects/{project_id}/webhooks", status_code=201)
async def create_webhook(body: WebhookIn, project: Project = Depends(project_access), pool: asyncpg.Pool = Depends(get_pool)) -> dict:
    secret = secrets.token_hex(24)
    endpoint_id = await WebhookRepository(pool).create_endpoint(project.id, str(body.url), secret, body.events)
    return {"id": endpoint_id, "secret": secret}


@router.delete("/projects/{project_id}/webhooks/{endpoint_id}", status_code=204)
async def delete_webhook(endpoint_id: int, project: Project = Depends(project_access), pool: asyncpg.Pool = Depends(get_pool)) -> Response:
    deleted = await WebhookRepository(pool).delete_endpoint(project.id, endpoint_id)
    if not deleted:
        return JSONResponse(status_code=200, content={"ok": False, "error": "webhook endpoint not found"})
    return Response(status_code=204)


@router.post("/projects/{project_id}/webhooks/{endpoint_id}/test")
async def test_webhook(
    endpoint_id: int,
    project: Project = Depends(project_access),
    pool: asyncpg.Pool = Depends(get_pool),
    dispatcher: WebhookDispatcher = Depends(service("webhooks")),
) -> dict:
    endpoint = await WebhookRepository(pool).endpoint(endpoint_id)
    if endpoint is None or endpoint["project_id"] != project.id:
        raise NotFound("webhook endpoint not found")
    status = await dispatcher.send_test(endpoint)
    return {"delivered": status is not None and 200 <= status < 300, "status": status}
