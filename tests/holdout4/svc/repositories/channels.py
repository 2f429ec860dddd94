from __future__ import annotations

from fastapi import HTTPException
from sqlalchemy import select, update

from svc.db.models import Channel, ChannelMember
from svc.repositories.base import BaseRepository


class ChannelRepository(BaseRepository[Channel]):
    model = Channel

    async def slug_exists(self, workspace_id: int, slug: str) -> bool:
        stmt = select(Channel.id).where(Channel.workspace_id == workspace_id, Channel.slug == slug)
        return (await self.session.scalar(stmt)) is not None

    async def create(self, workspace_id: int, slug: str, topic: str, is_private: bool) -> Channel:
        channel = Channel(workspace_id=workspace_id, slug=slug, topic=topic, is_private=is_private)
        return await self.add(channel)

    async def get_in_workspace(self, workspace_id: int, channel_id: int) -> Channel:
        channel = await self.get_by_id(channel_id)
        if channel is None or channel.workspace_id != workspace_id:
            raise HTTPException(status_code=404, detail="channel not found")
        return channel

    async def list_for_workspace(self, workspace_id: int, include_archived: bool = False) -> list[Channel]:
        stmt = select(Channel).where(Channel.workspace_id == workspace_id).order_by(Channel.slug)
        if not include_archived:
            stmt = stmt.where(Channel.archived.is_(False))
        return list((await self.session.scalars(stmt)).all())

    async def member_user_ids(self, channel_id: int) -> list[int]:
        stmt = select(ChannelMember.user_id).where(ChannelMember.channel_id == channel_id)
        return list((await self.session.scalars(stmt)).all())

    async def channels_of_user(self, user_id: int) -> list[int]:
        stmt = select(ChannelMember.channel_id).where(ChannelMember.user_id == user_id)
        return list((await self.session.scalars(stmt)).all())

    async def set_topic(self, channel_id: int, topic: str) -> None:
        await self.session.execute(update(Channel).where(Channel.id == channel_id).values(topic=topic))

    async def mark_read(self, channel_id: int, user_id: int, message_id: int) -> None:
        await self.session.execute(
            update(ChannelMember)
            .where(ChannelMember.channel_id == channel_id, ChannelMember.user_id == user_id)
            .values(last_read_id=message_id)
        )
