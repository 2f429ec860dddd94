from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..db.models import Charity
from ..db.connections import PgPool


class CharityRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], pg: PgPool) -> None:
        self._sessions = sessions
        self._pg = pg

    async def get(self, charity_id: int) -> Charity | None:
        async with self._sessions() as session:
            return await session.get(Charity, charity_id)

    async def get_by_slug(self, slug: str) -> Charity | None:
        async with self._sessions() as session:
            result = await session.execute(select(Charity).where(Charity.slug == slug))
            return result.scalar_one_or_none()

    async def get_many(self, ids: Sequence[int]) -> dict[int, Charity]:
        if not ids:
            return {}
        async with self._sessions() as session:
            result = await session.execute(select(Charity).where(Charity.id.in_(ids)))
            return {c.id: c for c in result.scalars()}

    async def autocomplete(self, prefix: str, limit: int = 10) -> list[dict]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, name, slug FROM charities "
                "WHERE lower(name) LIKE lower($1) || '%' AND verified ORDER BY name LIMIT $2",
                prefix,
                limit,
            )
        return [dict(r) for r in rows]

    async def search(self, term: str, limit: int = 25) -> list[dict]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, name, slug, registration_number FROM charities "
                "WHERE verified AND (name ILIKE '%' || $1 || '%' OR registration_number = $1) "
                "ORDER BY name LIMIT $2",
                term,
                limit,
            )
        return [dict(r) for r in rows]

    async def add(self, charity: Charity) -> Charity:
        async with self._sessions() as session, session.begin():
            session.add(charity)
        return charity
