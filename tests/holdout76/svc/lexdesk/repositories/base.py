from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from lexdesk.infra.db import Base

ModelT = TypeVar("ModelT", bound=Base)


class SqlRepository(Generic[ModelT]):
    """Common lookups for ORM-backed repositories. One instance per session."""

    model: type[ModelT]

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, pk: int) -> ModelT | None:
        return await self._session.get(self.model, pk)

    async def get_many(self, ids: Sequence[int]) -> dict[int, ModelT]:
        if not ids:
            return {}
        id_col: Any = self.model.id  # type: ignore[attr-defined]
        rows = await self._session.scalars(select(self.model).where(id_col.in_(set(ids))))
        return {row.id: row for row in rows}  # type: ignore[attr-defined]

    def add(self, obj: ModelT) -> ModelT:
        self._session.add(obj)
        return obj

    async def flush(self) -> None:
        await self._session.flush()
