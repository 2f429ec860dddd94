from __future__ import annotations

from typing import Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from glossa.db.models import Base
from glossa.errors import NotFound

ModelT = TypeVar("ModelT", bound=Base)


class BaseRepository(Generic[ModelT]):
    """ORM repositories are stateless; the caller owns the session and the transaction."""

    model: type[ModelT]

    async def get(self, session: AsyncSession, ident: int) -> ModelT | None:
        return await session.get(self.model, ident)

    async def require(self, session: AsyncSession, ident: int) -> ModelT:
        row = await session.get(self.model, ident)
        if row is None:
            raise NotFound(f"{self.model.__tablename__} {ident} not found")
        return row

    async def add(self, session: AsyncSession, row: ModelT) -> ModelT:
        session.add(row)
        await session.flush()
        return row
