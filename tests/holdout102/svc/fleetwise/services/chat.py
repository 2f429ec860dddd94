from __future__ import annotations

import logging

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import async_sessionmaker

from fleetwise.cache.keys import unread_key
from fleetwise.db.models import ChatMessage
from fleetwise.repositories.chat import ChatRepository

log = logging.getLogger(__name__)


class ChatService:
    def __init__(self, sessions: async_sessionmaker, client: redis.Redis, history_limit: int) -> None:
        self._sessions = sessions
        self._redis = client
        self._history_limit = history_limit

    async def history(self, room: str) -> list[dict]:
        async with self._sessions() as session:
            rows = await ChatRepository(session).recent(room, self._history_limit)
        return [{"id": m.id, "author": m.author, "body": m.body, "at": m.created_at.isoformat()} for m in rows]

    async def post(self, room: str, author: str, body: str, recipients: list[str]) -> dict:
        async with self._sessions() as session:
            msg = ChatMessage(room=room, author=author, body=body)
            await ChatRepository(session).add(msg)
            await session.commit()
        async with self._redis.pipeline(transaction=False) as pipe:
            for user in recipients:
                if user != author:
                    pipe.incr(unread_key(room, user))
            await pipe.execute()
        return {"id": msg.id, "author": author, "body": body, "at": msg.created_at.isoformat()}

    async def mark_read(self, room: str, user: str) -> None:
        await self._redis.delete(unread_key(room, user))
