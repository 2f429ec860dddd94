from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


class SqlRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def flush(self) -> None:
        await self.session.flush()

    async def commit(self) -> None:
        await self.session.commit()
