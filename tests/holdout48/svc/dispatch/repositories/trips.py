from __future__ import annotations

from datetime import date, datetime
from typing import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from dispatch.db.models import Trip, TripStatus


class TripRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, trip_id: int) -> Trip | None:
        return await self._session.get(Trip, trip_id)

    async def create(self, **fields) -> Trip:
        trip = Trip(status=TripStatus.requested, **fields)
        self._session.add(trip)
        await self._session.flush()
        return trip

    async def claim(self, trip_id: int, driver_id: int) -> bool:
        """Atomically assign a requested trip to a driver."""
        result = await self._session.execute(
            update(Trip)
            .where(Trip.id == trip_id, Trip.status == TripStatus.requested)
            .values(driver_id=driver_id, status=TripStatus.accepted)
            .returning(Trip.id)
        )
        await self._session.commit()
        return result.scalar_one_or_none() is not None

    async def set_status(self, trip: Trip, status: TripStatus) -> None:
        trip.status = status
        if status is TripStatus.completed:
            trip.completed_at = datetime.utcnow()
        await self._session.commit()

    async def assign(self, trip: Trip, driver_id: int) -> None:
        trip.driver_id = driver_id
        trip.status = TripStatus.accepted
        await self._session.commit()

    async def for_rider(self, rider_id: int, limit: int = 20) -> Sequence[Trip]:
        stmt = (
            select(Trip)
            .where(Trip.rider_id == rider_id)
            .order_by(Trip.created_at.desc())
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def for_driver(self, driver_id: int, since: datetime) -> Sequence[Trip]:
        stmt = select(Trip).where(Trip.driver_id == driver_id, Trip.created_at >= since)
        return (await self._session.scalars(stmt)).all()

    async def stale_requested(self, cutoff: datetime, limit: int = 500) -> Sequence[Trip]:
        stmt = (
            select(Trip)
            .where(Trip.status == TripStatus.requested, Trip.created_at < cutoff)
            .order_by(Trip.created_at)
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def completed_on(self, day: date) -> Sequence[Trip]:
        stmt = select(Trip).where(
            Trip.status == TripStatus.completed,
            func.date(Trip.created_at) == day,
        )
        return (await self._session.scalars(stmt)).all()

    async def recent_with_people(self, city: str, since: datetime, limit: int = 200) -> Sequence[Trip]:
        stmt = (
            select(Trip)
            .where(Trip.city == city, Trip.created_at >= since)
            .options(selectinload(Trip.rider), selectinload(Trip.driver))
            .order_by(Trip.created_at.desc())
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def expire_many(self, trip_ids: list[int]) -> int:
        if not trip_ids:
            return 0
        result = await self._session.execute(
            update(Trip)
            .where(Trip.id.in_(trip_ids), Trip.status == TripStatus.requested)
            .values(status=TripStatus.expired)
        )
        await self._session.commit()
        return result.rowcount or 0

    async def open_counts(self, city: str) -> dict[str, int]:
        stmt = (
            select(Trip.status, func.count())
            .where(
                Trip.city == city,
                Trip.status.in_([TripStatus.requested, TripStatus.accepted, TripStatus.in_progress]),
            )
            .group_by(Trip.status)
        )
        rows = (await self._session.execute(stmt)).all()
        return {status.value: count for status, count in rows}

    async def active_for_driver(self, driver_id: int) -> Trip | None:
        stmt = (
            select(Trip)
            .where(Trip.driver_id == driver_id, Trip.status.in_([TripStatus.accepted, TripStatus.in_progress]))
            .order_by(Trip.created_at.desc())
            .limit(1)
        )
        return await self._session.scalar(stmt)
