from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Integer, column, func, select, update, values

from judgehall.models import User
from judgehall.repositories.base import Repository


class UserRepository(Repository[User]):
    model = User

    async def get_by_handle(self, handle: str) -> User | None:
        stmt = select(User).where(func.lower(User.handle) == handle.lower())
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get_by_email(self, email: str) -> User | None:
        stmt = select(User).where(User.email == email.lower())
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get_many(self, ids: Sequence[int]) -> dict[int, User]:
        if not ids:
            return {}
        stmt = select(User).where(User.id.in_(set(ids)))
        rows = (await self.session.execute(stmt)).scalars().all()
        return {u.id: u for u in rows}

    async def search(self, query: str, limit: int = 20) -> list[User]:
        stmt = (
            select(User)
            .where(User.handle.ilike(f"%{query}%"))
            .order_by(User.rating.desc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars().all())

    async def deactivate(self, user_id: int) -> bool:
        result = await self.session.execute(
            update(User).where(User.id == user_id, User.is_active.is_(True)).values(is_active=False)
        )
        return bool(result.rowcount)

    async def set_jury(self, user_id: int, is_jury: bool) -> None:
        await self.session.execute(update(User).where(User.id == user_id).values(is_jury=is_jury))

    async def top_by_rating(self, limit: int = 100) -> list[User]:
        stmt = select(User).where(User.is_active.is_(True)).order_by(User.rating.desc()).limit(limit)
        return list((await self.session.execute(stmt)).scalars().all())

    async def count_active(self) -> int:
        stmt = select(func.count()).select_from(User).where(User.is_active.is_(True))
        return int((await self.session.execute(stmt)).scalar_one())

    async def apply_deltas(self, deltas: dict[int, int]) -> int:
        if not deltas:
            return 0
        delta_table = values(column("uid", Integer), column("delta", Integer), name="d").data(list(deltas.items()))
        new_rating = User.rating + delta_table.c.delta
        stmt = update(User).where(User.id == delta_table.c.uid).values(
            rating=new_rating,
            max_rating=func.greatest(User.max_rating, new_rating),
            rated_contests=User.rated_contests + 1,
        )
        result = await self.session.execute(stmt)
        return result.rowcount or 0
