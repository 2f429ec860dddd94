from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from readroom.models import User


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def by_username(self, username: str) -> User | None:
        result = await self.session.execute(select(User).where(User.username == username))
        return result.scalar_one_or_none()

    async def radiologists(self) -> list[User]:
        result = await self.session.execute(
            select(User).where(User.role == "radiologist", User.active.is_(True)).order_by(User.id)
        )
        return list(result.scalars())

    async def get_many(self, user_ids: list[int]) -> dict[int, User]:
        if not user_ids:
            return {}
        result = await self.session.execute(select(User).where(User.id.in_(user_ids)))
        return {u.id: u for u in result.scalars()}

    async def set_subspecialties(self, user_id: int, subspecialties: list[str]) -> None:
        user = await self.session.get(User, user_id)
        if user is not None:
            user.subspecialties = sorted(set(subspecialties))
            await self.session.flush()
