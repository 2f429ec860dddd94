"""Generic async repository over a SQLAlchemy session."""
from __future__ import annotations

from typing import Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from freightline.db.models import Base

M = TypeVar("M", bound=Base)


class Repository(Generic[M]):
    model: type[M]

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, entity_id: int) -> M | None:
        return await self.session.get(self.model, entity_id)

    async def get_many(self, ids: list[int]) -> dict[int, M]:
        if not ids:
            return {}
        result = await self.session.execute(select(self.model).where(self.model.id.in_(set(ids))))
        return {row.id: row for row in result.scalars()}

    async def add(self, entity: M) -> M:
        self.session.add(entity)
        await self.session.flush()
        return entity
