from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from docflow.auth import Principal, current_principal, require_member
from docflow.db.engine import get_session
from docflow.db.models import Membership
from docflow.errors import NotFound
from docflow.repos.comments import CommentRepo
from docflow.services.comment_service import CommentService
from docflow.utils.ratelimit import rate_limit

router = APIRouter(prefix="/workspaces/{workspace_id}/documents/{document_id}/comments", tags=["comments"])


class NewComment(BaseModel):
    body: str = Field(min_length=1, max_length=10_000)
    anchor: dict | None = None


class Reply(BaseModel):
    body: str = Field(min_length=1, max_length=10_000)


@router.get("")
async def list_comments(
    workspace_id: uuid.UUID,
    document_id: uuid.UUID,
    include_resolved: bool = False,
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    comments = await CommentRepo(session).for_document(document_id, include_resolved)
    return [
        {"id": c.id, "author_id": str(c.author_id), "parent_id": c.parent_id, "body": c.body, "resolved": c.resolved}
        for c in comments
    ]


@router.post("", status_code=201)
async def add_comment(
    workspace_id: uuid.UUID,
    document_id: uuid.UUID,
    body: NewComment,
    principal: Principal = Depends(current_principal),
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> dict:
    await rate_limit(f"rl:comment:{principal.user_id}", limit=30, window_ms=60_000)
    return await CommentService(session).add(document_id, principal.user_id, body.body, anchor=body.anchor)


@router.post("/{comment_id}/replies", status_code=201)
async def reply(
    workspace_id: uuid.UUID,
    document_id: uuid.UUID,
    comment_id: int,
    body: Reply,
    principal: Principal = Depends(current_principal),
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> dict:
    try:
        return await CommentService(session).reply(comment_id, principal.user_id, body.body)
    except NotFound:
        return {"error": "comment not found"}


@router.post("/{comment_id}/resolve", status_code=204)
async def resolve(
    workspace_id: uuid.UUID,
    document_id: uuid.UUID,
    comment_id: int,
    principal: Principal = Depends(current_principal),
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> None:
    await CommentService(session).resolve(comment_id, principal.user_id)
