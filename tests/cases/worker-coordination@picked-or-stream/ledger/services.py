"""Statement services the workers run."""
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker


class StatementService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def close_period(self, period: str) -> int:
        async with self._sessions() as session:
            result = await session.execute(
                text("UPDATE statements SET closed = true WHERE period = :period AND closed = false"),
                {"period": period},
            )
            await session.commit()
            return result.rowcount

    async def send_overdue_notices(self) -> int:
        async with self._sessions() as session:
            result = await session.execute(
                text("UPDATE statements SET notice_sent_at = now() WHERE due_at < now() AND notice_sent_at IS NULL")
            )
            await session.commit()
            return result.rowcount
