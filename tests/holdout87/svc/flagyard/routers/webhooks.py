from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Depends, Request
from pydantic import AnyHttpUrl, BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import get_session, require_admin
from ..errors import NotFound
from ..principal import Principal
from ..repositories.projects import ProjectRepository
from ..services.webhooks import WebhookService

router = APIRouter(prefix="/projects/{project_id}/webhooks", tags=["webhooks"])


class SubscriptionCreate(BaseModel):
    kind: Literal["webhook", "slack", "jira", "warehouse"] = "webhook"
    url: AnyHttpUrl
    events: list[str] = []


@router.post("", status_code=201)
async def create_subscription(
    project_id: uuid.UUID,
    body: SubscriptionCreate,
    request: Request,
    principal: Principal = Depends(require_admin),
    session: AsyncSession = Depends(get_session),
) -> dict[str, str]:
    project = await ProjectRepository(session).get(project_id)
    if project is None or project.org_id != principal.org_id:
        raise NotFound("project")
    service = WebhookService(session, request.app.state.http)
    sub = await service.subscribe(project_id, body.kind, str(body.url), body.events)
    return {"id": str(sub.id), "secret": sub.secret}
