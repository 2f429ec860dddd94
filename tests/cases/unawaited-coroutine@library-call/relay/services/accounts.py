"""Account updates through the ORM."""
from __future__ import annotations

import redis
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from .tables import accounts


class AccountService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], legacy: redis.Redis) -> None:
        self._sessions = sessions
        self._legacy = legacy

    async def close_account(self, account_id: int) -> None:
        async with self._sessions() as session:
            await session.execute(update(accounts).where(accounts.c.id == account_id).values(status="closed"))
            session.commit()  # expect: unawaited-coroutine

    async def rename(self, account_id: int, name: str) -> None:
        async with self._sessions() as session:
            await session.execute(update(accounts).where(accounts.c.id == account_id).values(name=name))
            await session.commit()

    def notify_legacy(self, account_id: int) -> None:
        self._legacy.publish("accounts", str(account_id))
