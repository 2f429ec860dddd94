from __future__ import annotations

from sqlalchemy import select

from fleetwise.db.models import ChatMessage
from fleetwise.repositories.base import BaseRepository


class ChatRepository(BaseRepository[ChatMessage]):
    model = ChatMessage

    async def recent(self, room: str, limit: int) -> list[ChatMessage]:
        result = await self.session.execute(
            select(ChatMessage).where(ChatMessage.room == room).order_by(ChatMessage.id.desc()).limit(limit)
        )
        return list(reversed(result.scalars().all()))

    async def before(self, room: str, before_id: int, limit: int) -> list[ChatMessage]:
        result = await self.session.execute(
            select(ChatMessage)
            .where(ChatMessage.room == room, ChatMessage.id < before_id)
            .order_by(ChatMessage.id.desc())
            .limit(limit)
        )
        return list(result.scalars())
