from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from docflow.auth import Principal, current_principal, require_member
from docflow.db.engine import get_session
from docflow.db.models import Membership, Workspace
from docflow.repos.comments import NotificationRepo
from docflow.services.workspace_service import WorkspaceService

router = APIRouter(prefix="/workspaces", tags=["workspaces"])

ROLES = ("owner", "admin", "editor", "viewer")


class CreateWorkspace(BaseModel):
    slug: str = Field(pattern=r"^[a-z0-9-]{3,64}$")
    name: str = Field(min_length=1, max_length=200)


class Invite(BaseModel):
    handle: str
    role: str = "editor"


class MarkRead(BaseModel):
    ids: list[int] = Field(min_length=1, max_length=500)


class MoveDocs(BaseModel):
    document_ids: list[uuid.UUID] = Field(max_length=200)
    target_workspace_id: uuid.UUID


@router.post("", status_code=201)
async def create_workspace(
    body: CreateWorkspace,
    principal: Principal = Depends(current_principal),
    session: AsyncSession = Depends(get_session),
) -> dict:
    ws = Workspace(slug=body.slug, name=body.name)
    session.add(ws)
    await session.flush()
    session.add(Membership(workspace_id=ws.id, user_id=principal.user_id, role="owner"))
    await session.commit()
    return {"id": str(ws.id), "slug": ws.slug}


@router.get("/{workspace_id}/members")
async def members(
    workspace_id: uuid.UUID,
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    return await WorkspaceService(session).directory(workspace_id)


@router.post("/{workspace_id}/members", status_code=201)
async def invite(
    workspace_id: uuid.UUID,
    body: Invite,
    me: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> dict:
    if me.role != "owner" or me.role != "admin":
        raise HTTPException(403, "only owners and admins can invite")
    if body.role not in ROLES:
        raise HTTPException(422, "unknown role")
    user_id = await WorkspaceService(session).invite(workspace_id, body.handle, body.role)
    return {"user_id": str(user_id)}


@router.post("/{workspace_id}/documents:move")
async def move_documents(
    workspace_id: uuid.UUID,
    body: MoveDocs,
    me: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> dict:
    if me.role not in ("owner", "admin"):
        raise HTTPException(403, "forbidden")
    await WorkspaceService(session).move_documents(workspace_id, body.document_ids, body.target_workspace_id)
    return {"moved": len(body.document_ids)}


@router.get("/{workspace_id}/notifications")
async def my_notifications(
    workspace_id: uuid.UUID,
    limit: int = 50,
    principal: Principal = Depends(current_principal),
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    items = await NotificationRepo(session).unread(principal.user_id, limit=max(1, min(limit, 200)))
    return [
        {"id": n.id, "kind": n.kind, "payload": n.payload, "created_at": n.created_at.isoformat()}
        for n in items
        if n.workspace_id == workspace_id
    ]


@router.post("/{workspace_id}/notifications:read", status_code=204)
async def mark_read(
    workspace_id: uuid.UUID,
    body: MarkRead,
    principal: Principal = Depends(current_principal),
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> None:
    await NotificationRepo(session).mark_read(principal.user_id, body.ids)
    await session.commit()
