from __future__ import annotations

from typing import Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from fleetwise.db.models import Base

M = TypeVar("M", bound=Base)


class BaseRepository(Generic[M]):
    model: type[M]

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, obj_id: int) -> M | None:
        return await self.session.get(self.model, obj_id)

    async def add(self, obj: M) -> M:
        self.session.add(obj)
        await self.session.flush()
        return obj
