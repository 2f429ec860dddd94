from __future__ import annotations

from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from arenaplay.db.models import Base

M = TypeVar("M", bound=Base)


class OrmRepository(Generic[M]):
    model: type[M]

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, pk: Any) -> M | None:
        return await self.session.get(self.model, pk)

    async def add(self, obj: M) -> M:
        self.session.add(obj)
        await self.session.flush()
        return obj

    async def commit(self) -> None:
        await self.session.commit()
