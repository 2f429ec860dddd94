from __future__ import annotations

from typing import Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import NotFound

M = TypeVar("M")


class BaseRepository(Generic[M]):
    model: type[M]

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, pk: int) -> M | None:
        return await self.session.get(self.model, pk)

    async def require(self, pk: int) -> M:
        row = await self.get(pk)
        if row is None:
            raise NotFound(f"{self.model.__name__} {pk}")
        return row

    async def list_all(self, limit: int = 500) -> list[M]:
        result = await self.session.execute(select(self.model).limit(limit))
        return list(result.scalars())
