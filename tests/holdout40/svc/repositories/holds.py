from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import SeatHold


async def find_active(session: AsyncSession, flight_id: int, seat_no: str, now: datetime) -> SeatHold | None:
    stmt = select(SeatHold).where(
        SeatHold.flight_id == flight_id,
        SeatHold.seat_no == seat_no,
        SeatHold.released.is_(False),
        SeatHold.expires_at > now,
    )
    return (await session.execute(stmt)).scalars().first()


async def create(session: AsyncSession, flight_id: int, seat_no: str, passenger_id: int, expires_at: datetime) -> SeatHold:
    hold = SeatHold(flight_id=flight_id, seat_no=seat_no, passenger_id=passenger_id, expires_at=expires_at)
    session.add(hold)
    await session.flush()
    return hold


async def active_for_flight(session: AsyncSession, flight_id: int, now: datetime) -> Sequence[SeatHold]:
    stmt = select(SeatHold).where(
        SeatHold.flight_id == flight_id, SeatHold.released.is_(False), SeatHold.expires_at > now
    )
    return (await session.execute(stmt)).scalars().all()


async def count_for_passenger(session: AsyncSession, passenger_id: int, now: datetime) -> int:
    stmt = select(func.count()).select_from(SeatHold).where(
        SeatHold.passenger_id == passenger_id, SeatHold.released.is_(False), SeatHold.expires_at > now
    )
    return (await session.execute(stmt)).scalar_one()


async def expired_batch(session: AsyncSession, now: datetime, limit: int = 500) -> Sequence[SeatHold]:
    stmt = (
        select(SeatHold)
        .where(SeatHold.released.is_(False), SeatHold.expires_at <= now)
        .limit(limit)
    )
    return (await session.execute(stmt)).scalars().all()


async def release_many(session: AsyncSession, hold_ids: Sequence[int]) -> int:
    if not hold_ids:
        return 0
    result = await session.execute(
        update(SeatHold).where(SeatHold.id.in_(hold_ids)).values(released=True)
    )
    return result.rowcount
