"""Chat messages."""
from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..models.social import Match, Message


class MessageRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def add(self, match_id: int, sender_id: int, body: str, client_id: str | None) -> Message:
        """Insert once per (match, client_id): a client resending after a dropped ack gets the original row."""
        stmt = (
            insert(Message)
            .values(match_id=match_id, sender_id=sender_id, body=body, client_id=client_id)
            .on_conflict_do_nothing(constraint="uq_messages_client")
            .returning(Message)
        )
        async with self._sessions() as session, session.begin():
            message = (await session.scalars(stmt)).first()
            if message is None:
                existing = select(Message).where(Message.match_id == match_id, Message.client_id == client_id)
                return (await session.scalars(existing)).one()
            await session.execute(update(Match).where(Match.id == match_id).values(last_message_at=func.now()))
            return message

    async def history(self, match_id: int, before_id: int | None, limit: int) -> list[Message]:
        stmt = select(Message).where(Message.match_id == match_id)
        if before_id is not None:
            stmt = stmt.where(Message.id < before_id)
        stmt = stmt.order_by(Message.id.desc()).limit(limit)
        async with self._sessions() as session:
            return list(await session.scalars(stmt))

    async def last_in(self, match_id: int) -> Message | None:
        stmt = select(Message).where(Message.match_id == match_id).order_by(Message.id.desc()).limit(1)
        async with self._sessions() as session:
            return (await session.scalars(stmt)).first()

    async def mark_read(self, match_id: int, reader_id: int, up_to_id: int) -> int:
        stmt = (
            update(Message)
            .where(
                Message.match_id == match_id,
                Message.sender_id != reader_id,
                Message.id <= up_to_id,
                Message.read_at.is_(None),
            )
            .values(read_at=func.now())
        )
        async with self._sessions() as session, session.begin():
            result = await session.execute(stmt)
        return result.rowcount or 0
