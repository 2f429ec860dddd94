from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker


class AlertService:
    def __init__(self, sessions: async_sessionmaker, redis: Redis) -> None:
        self._sessions = sessions
        self._redis = redis

    async def deliver(self, user_id: int, body: str) -> None:
        async with self._sessions() as session:
            await session.execute(text("INSERT INTO inbox (user_id, body) VALUES (:u, :b)"), {"u": user_id, "b": body})
            await session.commit()
        await self._redis.publish(f"inbox:{user_id}", body)

    async def preferences(self, user_id: int) -> dict:
        async with self._sessions() as session:
            row = (await session.execute(text("SELECT prefs FROM users WHERE id = :u"), {"u": user_id})).one()
        return dict(row.prefs)
