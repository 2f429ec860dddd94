from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Ride, RideStatus
from svc.errors import RideNotFoundError

ACTIVE_STATES = (RideStatus.REQUESTED, RideStatus.ACCEPTED, RideStatus.ARRIVING, RideStatus.IN_PROGRESS)


async def get(session: AsyncSession, ride_id: int) -> Ride:
    ride = await session.get(Ride, ride_id)
    if ride is None:
        raise RideNotFoundError(ride_id)
    return ride


async def get_for_update(session: AsyncSession, ride_id: int) -> Ride:
    result = await session.execute(select(Ride).where(Ride.id == ride_id).with_for_update())
    ride = result.scalar_one_or_none()
    if ride is None:
        raise RideNotFoundError(ride_id=ride_id)
    return ride


async def active_for_rider(session: AsyncSession, rider_id: int) -> Ride | None:
    stmt = select(Ride).where(Ride.rider_id == rider_id, Ride.status.in_(ACTIVE_STATES)).limit(1)
    return (await session.execute(stmt)).scalar_one_or_none()


async def history_for_rider(session: AsyncSession, rider_id: int, before_id: int | None, limit: int = 20) -> Sequence[Ride]:
    stmt = select(Ride).where(Ride.rider_id == rider_id)
    if before_id is not None:
        stmt = stmt.where(Ride.id < before_id)
    stmt = stmt.order_by(Ride.id.desc()).limit(limit)
    return (await session.execute(stmt)).scalars().all()


async def waiting_since(session: AsyncSession, cutoff: datetime, limit: int = 200) -> Sequence[Ride]:
    stmt = (
        select(Ride)
        .where(Ride.status == RideStatus.REQUESTED, Ride.requested_at < cutoff)
        .order_by(Ride.requested_at)
        .limit(limit)
    )
    return (await session.execute(stmt)).scalars().all()


async def completed_with_parties(session: AsyncSession, ride_ids: Sequence[int]) -> Sequence[Ride]:
    stmt = (
        select(Ride)
        .where(Ride.id.in_(ride_ids), Ride.status == RideStatus.COMPLETED)
        .options(selectinload(Ride.rider), selectinload(Ride.driver))
    )
    return (await session.execute(stmt)).scalars().all()


async def completed_for_driver(session: AsyncSession, driver_id: int, start: datetime, end: datetime) -> Sequence[Ride]:
    stmt = select(Ride).where(
        Ride.driver_id == driver_id,
        Ride.completed_at >= start,
        Ride.completed_at < end,
    )
    return (await session.execute(stmt)).scalars().all()
