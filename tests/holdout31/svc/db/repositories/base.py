from __future__ import annotations

from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Base

ModelT = TypeVar("ModelT", bound=Base)


class BaseRepository(Generic[ModelT]):
    model: type[ModelT]

    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def get(self, pk: Any) -> ModelT | None:
        return await self._db.get(self.model, pk)

    async def add(self, obj: ModelT) -> ModelT:
        self._db.add(obj)
        await self._db.flush()
        return obj

    async def delete(self, obj: ModelT) -> None:
        await self._db.delete(obj)
        await self._db.flush()
