from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from seqcore.db.models import Library, Pool
from seqcore.errors import NotFound


class LibraryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, library_id: uuid.UUID) -> Library:
        lib = await self._session.get(Library, library_id)
        if lib is None:
            raise NotFound(f"library {library_id} not found")
        return lib

    async def get_by_ids(self, library_ids: list[uuid.UUID]) -> list[Library]:
        rows = await self._session.scalars(select(Library).where(Library.id.in_(library_ids)))
        return list(rows)

    async def get_pool(self, pool_id: uuid.UUID) -> Pool:
        pool = await self._session.get(Pool, pool_id)
        if pool is None:
            raise NotFound(f"pool {pool_id} not found")
        return pool

    async def lock_pool(self, pool_id: uuid.UUID) -> Pool:
        stmt = select(Pool).where(Pool.id == pool_id).with_for_update()
        pool = (await self._session.scalars(stmt)).one_or_none()
        if pool is None:
            raise NotFound(f"pool {pool_id} not found")
        return pool

    async def create_pool(self) -> Pool:
        pool = Pool()
        self._session.add(pool)
        await self._session.flush()
        return pool

    async def attach_libraries(self, pool_id: uuid.UUID, libraries: list[Library]) -> None:
        for lib in libraries:
            lib.pool_id = pool_id
        await self._session.flush()
