from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import ContainerDep, CurrentUser, SessionDep, UserDep
from svc.container import Container
from svc.repositories.channels import ChannelRepository
from svc.services.channels import ChannelService
from svc.services.presence import presence

router = APIRouter(prefix="/channels", tags=["channels"])


class ChannelIn(BaseModel):
    slug: str = Field(min_length=1, max_length=80)
    topic: str = Field(default="", max_length=250)
    is_private: bool = False


class TopicIn(BaseModel):
    topic: str = Field(max_length=250)


def _service(request: Request, session: AsyncSession, c: Container) -> ChannelService:
    return ChannelService(session, c.audit, request.app.state.roster)


@router.get("")
async def list_channels(session: AsyncSession = SessionDep, user: CurrentUser = UserDep) -> list[dict]:
    channels = await ChannelRepository(session).list_for_workspace(user.workspace_id)
    return [{"id": ch.id, "slug": ch.slug, "topic": ch.topic, "private": ch.is_private} for ch in channels]


@router.post("", status_code=201)
async def create_channel(request: Request, body: ChannelIn, session: AsyncSession = SessionDep,
                         c: Container = ContainerDep, user: CurrentUser = UserDep) -> dict:
    channel = await _service(request, session, c).create(user.workspace_id, user.id, body.slug, body.topic,
                                                         body.is_private)
    return {"id": channel.id, "slug": channel.slug}


@router.put("/{channel_id}/topic")
async def set_topic(request: Request, channel_id: int, body: TopicIn, session: AsyncSession = SessionDep,
                    c: Container = ContainerDep, user: CurrentUser = UserDep) -> dict:
    members = await _service(request, session, c).set_topic(user.workspace_id, user.id, channel_id, body.topic)
    await c.hub.publish(channel_id, {"type": "topic", "topic": body.topic})
    return {"notified": len(members)}


@router.delete("/{channel_id}", status_code=204)
async def archive_channel(request: Request, channel_id: int, session: AsyncSession = SessionDep,
                          c: Container = ContainerDep, user: CurrentUser = UserDep) -> None:
    await _service(request, session, c).archive(user.workspace_id, user.id, channel_id)


@router.get("/{channel_id}/online")
async def online_members(channel_id: int, session: AsyncSession = SessionDep,
                         user: CurrentUser = UserDep) -> dict:
    members = set(await ChannelRepository(session).member_user_ids(channel_id))
    if not members:
        raise HTTPException(status_code=404, detail="unknown channel")
    online = [uid for uid in presence.online_users(user.workspace_id) if uid in members]
    return {"online": online}
