from __future__ import annotations

from typing import Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from dispensary.db.models import Base
from dispensary.errors import NotFound

M = TypeVar("M", bound=Base)


class BaseRepository(Generic[M]):
    model: type[M]

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, object_id: int) -> M | None:
        return await self.session.get(self.model, object_id)

    async def get_or_raise(self, object_id: int) -> M:
        obj = await self.get(object_id)
        if obj is None:
            raise NotFound(f"{self.model.__tablename__} {object_id} not found")
        return obj

    async def add(self, obj: M) -> M:
        self.session.add(obj)
        await self.session.flush()
        return obj
