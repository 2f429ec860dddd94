"""User rows: profile reads and writes, discovery candidates, admin search."""
from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from ..models.user import User
from ..utils.geo import BoundingBox


class UserRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def get(self, user_id: int) -> User | None:
        async with self._sessions() as session:
            return await session.get(User, user_id)

    async def get_with_photos(self, user_id: int) -> User | None:
        stmt = select(User).where(User.id == user_id).options(selectinload(User.photos))
        async with self._sessions() as session:
            return (await session.scalars(stmt)).first()

    async def get_by_ids(self, ids: Sequence[int]) -> list[User]:
        if not ids:
            return []
        stmt = select(User).where(User.id.in_(ids)).options(selectinload(User.photos))
        async with self._sessions() as session:
            return list(await session.scalars(stmt))

    async def get_by_email(self, email: str) -> User | None:
        stmt = select(User).where(User.email == email.strip().lower())
        async with self._sessions() as session:
            return (await session.scalars(stmt)).first()

    async def update_fields(self, user_id: int, **fields: Any) -> None:
        if not fields:
            return
        async with self._sessions() as session, session.begin():
            await session.execute(update(User).where(User.id == user_id).values(**fields))

    async def candidates_near(self, viewer: User, box: BoundingBox, limit: int) -> list[User]:
        stmt = (
            select(User)
            .where(
                User.lat.between(box.min_lat, box.max_lat),
                User.lon.between(box.min_lon, box.max_lon),
                User.id != viewer.id,
                User.gender == viewer.seeking,
                User.seeking == viewer.gender,
                User.is_hidden.is_(False),
                User.is_banned.is_(False),
            )
            .order_by(func.random())
            .limit(limit)
        )
        async with self._sessions() as session:
            return list(await session.scalars(stmt))

    async def ids_in_city(self, city: str) -> list[int]:
        stmt = select(User.id).where(User.city == city, User.is_banned.is_(False))
        async with self._sessions() as session:
            return list(await session.scalars(stmt))

    async def search(self, term: str, limit: int = 50) -> list[User]:
        pattern = f"%{term.strip()}%"
        stmt = (
            select(User)
            .where(User.display_name.ilike(pattern) | User.email.ilike(pattern))
            .order_by(User.id)
            .limit(limit)
        )
        async with self._sessions() as session:
            return list(await session.scalars(stmt))

    async def iter_active_ids(self, since: datetime, batch_size: int = 500) -> AsyncIterator[list[int]]:
        last_id = 0
        while True:
            stmt = (
                select(User.id)
                .where(User.last_active_at >= since, User.id > last_id, User.is_banned.is_(False))
                .order_by(User.id)
                .limit(batch_size)
            )
            async with self._sessions() as session:
                ids = list(await session.scalars(stmt))
            if not ids:
                return
            yield ids
            last_id = ids[-1]
