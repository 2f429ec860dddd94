from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import ContainerDep, CurrentUser, SessionDep, UserDep
from svc.config import HISTORY_PAGE_SIZE
from svc.container import Container
from svc.repositories.messages import MessageRepository
from svc.services.messages import MessageService
from svc.services.notifications import MentionNotifier

router = APIRouter(prefix="/channels/{channel_id}/messages", tags=["messages"])


class MessageIn(BaseModel):
    body: str = Field(min_length=1, max_length=4000)
    parent_id: int | None = None


class MessageEdit(BaseModel):
    body: str = Field(min_length=1, max_length=4000)


def _service(request: Request, session: AsyncSession, c: Container) -> MessageService:
    notifier = MentionNotifier(c.push, request.app.state.notification_queues)
    return MessageService(session, c, notifier)


@router.get("")
async def list_messages(request: Request, channel_id: int, before: int | None = None,
                        limit: int = Query(50, le=200), session: AsyncSession = SessionDep,
                        c: Container = ContainerDep, user: CurrentUser = UserDep) -> list[dict[str, Any]]:
    return await _service(request, session, c).page(channel_id, before, limit)


@router.get("/recent")
async def recent_messages(request: Request, channel_id: int, limit: int = Query(30, le=100),
                          session: AsyncSession = SessionDep, c: Container = ContainerDep,
                          user: CurrentUser = UserDep) -> list[dict[str, Any]]:
    return await _service(request, session, c).recent(channel_id, limit)


@router.get("/history")
async def history(channel_id: int, page: int = Query(0, ge=0), c: Container = ContainerDep,
                  user: CurrentUser = UserDep) -> list[dict[str, Any]]:
    rows = await c.store.history_page(channel_id, page, HISTORY_PAGE_SIZE)
    return [{**r, "created_at": r["created_at"].isoformat()} for r in rows]


@router.post("", status_code=201)
async def post_message(request: Request, channel_id: int, body: MessageIn, session: AsyncSession = SessionDep,
                       c: Container = ContainerDep, user: CurrentUser = UserDep) -> dict[str, Any]:
    row = await _service(request, session, c).post(user.workspace_id, user.plan, channel_id, user.id,
                                                     body.body, body.parent_id)
    return {"id": row["id"]}


@router.patch("/{message_id}")
async def edit_message(channel_id: int, message_id: int, body: MessageEdit, session: AsyncSession = SessionDep,
                       c: Container = ContainerDep, user: CurrentUser = UserDep) -> dict[str, Any]:
    repo = MessageRepository(session)
    message = repo.get(message_id)
    if message is None or message.channel_id != channel_id:
        raise HTTPException(status_code=404, detail="message not found")
    if message.author_id != user.id:
        raise HTTPException(status_code=403, detail="only the author can edit")
    message.body = body.body
    message.edited = True
    await session.commit()
    await c.hub.publish(channel_id, {"type": "message.edited", "id": message_id, "body": body.body})
    return {"id": message_id, "edited": True}


@router.get("/{message_id}/thread")
async def thread(request: Request, channel_id: int, message_id: int, session: AsyncSession = SessionDep,
                 c: Container = ContainerDep, user: CurrentUser = UserDep) -> list[dict[str, Any]]:
    return await _service(request, session, c).thread(message_id)
