from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Passenger


async def get(session: AsyncSession, passenger_id: int) -> Passenger | None:
    return await session.get(Passenger, passenger_id)


async def by_email(session: AsyncSession, email: str) -> Passenger | None:
    stmt = select(Passenger).where(Passenger.email == email.lower())
    return (await session.execute(stmt)).scalar_one_or_none()


async def by_loyalty_number(session: AsyncSession, number: str) -> Passenger | None:
    stmt = select(Passenger).where(Passenger.loyalty_number == number)
    return (await session.execute(stmt)).scalar_one_or_none()


async def many(session: AsyncSession, ids: Iterable[int]) -> dict[int, Passenger]:
    id_list = list(set(ids))
    if not id_list:
        return {}
    rows = (await session.execute(select(Passenger).where(Passenger.id.in_(id_list)))).scalars().all()
    return {p.id: p for p in rows}
