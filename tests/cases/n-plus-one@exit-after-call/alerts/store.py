"""Row access for members and channels, one key at a time."""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from .models import Channel, Member

SessionLocal: async_sessionmaker[AsyncSession] = async_sessionmaker()


class MemberTable:
    async def save_settings(self, member_id: str, settings: dict[str, Any]) -> None:
        async with SessionLocal() as session:
            member = await session.get(Member, member_id)
            if member is not None:
                member.settings = settings
                await session.commit()

    async def load_settings(self, member_id: str) -> dict[str, Any]:
        async with SessionLocal() as session:
            member = await session.get(Member, member_id)
            return dict(member.settings or {}) if member else {}


class ChannelTable:
    async def get(self, channel_id: str) -> Optional[Channel]:
        async with SessionLocal() as session:
            return await session.get(Channel, channel_id)


Members = MemberTable()
Channels = ChannelTable()
