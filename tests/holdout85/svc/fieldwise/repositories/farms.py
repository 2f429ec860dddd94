from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from fieldwise.db.models import Farm, User


class FarmRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, farm_id: int) -> Farm | None:
        return await self._session.get(Farm, farm_id)

    async def list_for_owner(self, owner_id: int) -> list[Farm]:
        stmt = select(Farm).where(Farm.owner_id == owner_id).order_by(Farm.name)
        return list((await self._session.scalars(stmt)).all())

    async def get_with_fields(self, farm_id: int) -> Farm | None:
        stmt = select(Farm).where(Farm.id == farm_id).options(selectinload(Farm.fields))
        return (await self._session.scalars(stmt)).first()

    async def create(self, name: str, owner_id: int, timezone: str) -> Farm:
        farm = Farm(name=name, owner_id=owner_id, timezone=timezone)
        self._session.add(farm)
        await self._session.flush()
        return farm


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_email(self, email: str) -> User | None:
        stmt = select(User).where(User.email == email.lower())
        return (await self._session.scalars(stmt)).first()

    async def get(self, user_id: int) -> User | None:
        return await self._session.get(User, user_id)
