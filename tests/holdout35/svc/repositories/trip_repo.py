"""Trip persistence (SQLAlchemy async ORM)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Trip, TripStatus


class TripRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, trip_id: int) -> Trip | None:
        return await self.session.get(Trip, trip_id)

    async def get_for_update(self, trip_id: int) -> Trip | None:
        stmt = select(Trip).where(Trip.id == trip_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def create(self, **fields) -> Trip:
        trip = Trip(**fields)
        self.session.add(trip)
        await self.session.flush()
        return trip

    async def assign_driver(self, trip_id: int, driver_id: int) -> None:
        await self.session.execute(
            update(Trip)
            .where(Trip.id == trip_id)
            .values(driver_id=driver_id, status=TripStatus.ACCEPTED, accepted_at=func.now())
        )

    async def claim_for_driver(self, trip_id: int, driver_id: int) -> bool:
        result = await self.session.execute(
            update(Trip)
            .where(Trip.id == trip_id, Trip.status == TripStatus.REQUESTED)
            .values(driver_id=driver_id, status=TripStatus.ACCEPTED, accepted_at=func.now())
            .returning(Trip.id)
        )
        return result.scalar_one_or_none() is not None

    async def set_status(self, trip_id: int, status: TripStatus) -> None:
        await self.session.execute(update(Trip).where(Trip.id == trip_id).values(status=status))

    async def history_for_rider(self, rider_id: int, before: datetime | None, limit: int = 20) -> list[Trip]:
        stmt = select(Trip).where(Trip.rider_id == rider_id)
        if before is not None:
            stmt = stmt.where(Trip.requested_at < before)
        stmt = stmt.order_by(Trip.requested_at.desc()).limit(limit)
        return list((await self.session.scalars(stmt)).all())

    async def active_for_driver(self, driver_id: int) -> Trip | None:
        stmt = select(Trip).where(
            Trip.driver_id == driver_id,
            Trip.status.in_([TripStatus.ACCEPTED, TripStatus.ARRIVED, TripStatus.IN_PROGRESS]),
        )
        return (await self.session.scalars(stmt)).first()

    async def stale_requests(self, older_than: timedelta) -> list[Trip]:
        cutoff = datetime.now(timezone.utc) - older_than
        stmt = select(Trip).where(Trip.status == TripStatus.REQUESTED, Trip.requested_at < cutoff)
        return list((await self.session.scalars(stmt)).all())

    async def open_requests_by_zone(self) -> dict[str, int]:
        stmt = (
            select(Trip.zone, func.count())
            .where(Trip.status == TripStatus.REQUESTED)
            .group_by(Trip.zone)
        )
        return {zone: count for zone, count in (await self.session.execute(stmt)).all()}

    async def search_by_address(self, fragment: str, limit: int = 50) -> list[Trip]:
        stmt = (
            select(Trip)
            .where(func.lower(Trip.pickup_address).like(f"%{fragment.lower()}%"))
            .order_by(Trip.requested_at.desc())
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())

    async def completed_between(self, start: datetime, end: datetime) -> list[Trip]:
        stmt = select(Trip).where(
            Trip.status == TripStatus.COMPLETED,
            Trip.completed_at >= start,
            Trip.completed_at < end,
        )
        return list((await self.session.scalars(stmt)).all())
