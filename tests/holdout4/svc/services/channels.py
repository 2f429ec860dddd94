from __future__ import annotations

import re

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Channel
from svc.errors import Conflict, Forbidden
from svc.repositories.audit import AuditRecord, AuditRepository
from svc.repositories.channels import ChannelRepository
from svc.services.roster import ChannelRoster

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")


class ChannelService:
    def __init__(self, session: AsyncSession, audit: AuditRepository, roster: ChannelRoster) -> None:
        self._session = session
        self._channels = ChannelRepository(session)
        self._audit = audit
        self._roster = roster

    async def create(self, workspace_id: int, actor_id: int, slug: str, topic: str, is_private: bool) -> Channel:
        slug = slug.strip().lower()
        if not SLUG_RE.match(slug):
            raise Conflict("invalid channel name")
        if await self._channels.slug_exists(workspace_id, slug):
            raise Conflict(f"#{slug} already exists")
        channel = await self._channels.create(workspace_id, slug, topic, is_private)
        await self._session.commit()
        await self._roster.add_member(channel.id, actor_id)
        await self._audit.append(AuditRecord(workspace_id, actor_id, "channel.create", f"channel:{channel.id}"))
        return channel

    async def archive(self, workspace_id: int, actor_id: int, channel_id: int) -> None:
        channel = await self._channels.get_in_workspace(workspace_id, channel_id)
        if channel.archived:
            return
        channel.archived = True
        await self._session.commit()
        self._audit.append(AuditRecord(workspace_id, actor_id, "channel.archive", f"channel:{channel_id}"))

    async def set_topic(self, workspace_id: int, actor_id: int, channel_id: int, topic: str) -> frozenset[int]:
        channel = await self._channels.get_by_id(channel_id)
        if channel is None or channel.workspace_id != workspace_id:
            raise Forbidden("not a channel of this workspace")
        members = await self._roster.set_topic(channel_id, topic[:250])
        await self._audit.append(AuditRecord(workspace_id, actor_id, "channel.topic", f"channel:{channel_id}",
                                             {"topic": topic[:250]}))
        return members
