from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from svc.db.models import Message
from svc.repositories.base import BaseRepository


class MessageRepository(BaseRepository[Message]):
    model = Message

    async def get(self, message_id: int) -> Message | None:
        return await self.session.get(Message, message_id)

    async def list_recent(self, channel_id: int, limit: int = 50) -> list[Message]:
        stmt = (
            select(Message)
            .where(Message.channel_id == channel_id).order_by(Message.created_at.desc())
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())

    async def page_with_authors(self, channel_id: int, before_id: int | None, limit: int) -> list[Message]:
        stmt = select(Message).options(selectinload(Message.author), selectinload(Message.attachments))
        stmt = stmt.where(Message.channel_id == channel_id)
        if before_id is not None:
            stmt = stmt.where(Message.id < before_id)
        stmt = stmt.order_by(Message.id.desc()).limit(limit)
        return list((await self.session.scalars(stmt)).all())

    async def search_substring(self, channel_ids: list[int], term: str, limit: int) -> list[Message]:
        stmt = (
            select(Message)
            .where(Message.channel_id.in_(channel_ids), Message.body.ilike(f"%{term}%"))
            .order_by(Message.id.desc())
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())

    async def count_unread(self, channel_id: int, after_id: int) -> int:
        stmt = select(func.count(Message.id)).where(Message.channel_id == channel_id, Message.id > after_id)
        return int(await self.session.scalar(stmt) or 0)

    async def thread_replies(self, parent_id: int) -> list[Message]:
        stmt = select(Message).where(Message.parent_id == parent_id).order_by(Message.id)
        return list((await self.session.scalars(stmt)).all())
