from __future__ import annotations

import secrets
import uuid

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, HttpUrl
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from docflow.auth import require_member
from docflow.db.engine import get_session
from docflow.db.models import Membership, WebhookEndpoint
from docflow.services.webhook_service import EVENTS, validate_target

router = APIRouter(prefix="/workspaces/{workspace_id}/webhooks", tags=["webhooks"])

MAX_ENDPOINTS = 10


class NewEndpoint(BaseModel):
    url: HttpUrl
    events: list[str]


@router.post("", status_code=201)
async def create_endpoint(
    workspace_id: uuid.UUID,
    body: NewEndpoint,
    me: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> dict:
    if me.role not in ("owner", "admin"):
        raise HTTPException(403, "forbidden")
    unknown = set(body.events) - EVENTS
    if unknown:
        raise HTTPException(422, f"unknown events: {sorted(unknown)}")
    url = validate_target(str(body.url))
    existing = (
        await session.scalars(select(WebhookEndpoint.id).where(WebhookEndpoint.workspace_id == workspace_id))
    ).all()
    if len(existing) >= MAX_ENDPOINTS:
        raise HTTPException(409, "too many endpoints")
    endpoint = WebhookEndpoint(
        workspace_id=workspace_id, url=url, secret=secrets.token_hex(32), events=body.events
    )
    session.add(endpoint)
    await session.commit()
    return {"id": endpoint.id, "secret": endpoint.secret}


@router.get("")
async def list_endpoints(
    workspace_id: uuid.UUID,
    me: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    rows = await session.scalars(select(WebhookEndpoint).where(WebhookEndpoint.workspace_id == workspace_id))
    return [{"id": e.id, "url": e.url, "events": e.events, "active": e.active} for e in rows]


@router.delete("/{endpoint_id}", status_code=204)
async def delete_endpoint(
    workspace_id: uuid.UUID,
    endpoint_id: int,
    me: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> None:
    endpoint = await session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or endpoint.workspace_id != workspace_id:
        raise HTTPException(404, "not found")
    await session.delete(endpoint)
    await session.commit()
