from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from glide.core.pagination import Cursor
from glide.models import Ride, RideStatus


class RideRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get(self, ride_id: uuid.UUID) -> Ride | None:
        return await self._s.get(Ride, ride_id)

    async def get_for_update(self, ride_id: uuid.UUID) -> Ride | None:
        result = await self._s.execute(select(Ride).where(Ride.id == ride_id).with_for_update())
        return result.scalar_one_or_none()

    async def add(self, ride: Ride) -> Ride:
        self._s.add(ride)
        await self._s.flush()
        return ride

    async def active_for_rider(self, rider_id: uuid.UUID) -> Ride | None:
        stmt = (
            select(Ride)
            .where(Ride.rider_id == rider_id, Ride.status == RideStatus.ACTIVE)
            .order_by(Ride.started_at.desc())
            .limit(1)
        )
        return (await self._s.execute(stmt)).scalar_one_or_none()

    async def active_for_vehicle(self, vehicle_id: uuid.UUID) -> Ride | None:
        stmt = select(Ride).where(Ride.vehicle_id == vehicle_id, Ride.status == RideStatus.ACTIVE)
        return (await self._s.execute(stmt)).scalars().first()

    async def history(self, rider_id: uuid.UUID, limit: int, cursor: Cursor | None) -> Sequence[Ride]:
        stmt = select(Ride).where(Ride.rider_id == rider_id)
        if cursor is not None:
            stmt = stmt.where(
                or_(
                    Ride.started_at < cursor.started_at,
                    and_(Ride.started_at == cursor.started_at, Ride.id < uuid.UUID(cursor.ride_id)),
                )
            )
        stmt = stmt.order_by(Ride.started_at.desc(), Ride.id.desc()).limit(limit)
        return (await self._s.execute(stmt)).scalars().all()

    async def admin_page(self, status: RideStatus | None, page: int, size: int) -> Sequence[Ride]:
        stmt = select(Ride).order_by(Ride.started_at.desc())
        if status is not None:
            stmt = stmt.where(Ride.status == status)
        stmt = stmt.offset(page * size).limit(size)
        return (await self._s.execute(stmt)).scalars().all()

    async def count_for_rider(self, rider_id: uuid.UUID) -> int:
        stmt = select(func.count()).select_from(Ride).where(Ride.rider_id == rider_id)
        return int((await self._s.execute(stmt)).scalar_one())

    async def stale_active(self, started_before: datetime, limit: int = 200) -> Sequence[Ride]:
        stmt = (
            select(Ride)
            .where(Ride.status == RideStatus.ACTIVE, Ride.started_at < started_before)
            .order_by(Ride.started_at)
            .limit(limit)
        )
        return (await self._s.execute(stmt)).scalars().all()

    async def unsettled_between(self, start: datetime, end: datetime, limit: int = 1000) -> Sequence[Ride]:
        stmt = (
            select(Ride)
            .where(
                Ride.settled.is_(False),
                Ride.ended_at >= start,
                Ride.ended_at < end,
                Ride.status == RideStatus.PAID,
            )
            .order_by(Ride.ended_at)
            .limit(limit)
        )
        return (await self._s.execute(stmt)).scalars().all()

    async def mark_settled(self, ride_ids: Sequence[uuid.UUID]) -> None:
        if ride_ids:
            await self._s.execute(update(Ride).where(Ride.id.in_(ride_ids)).values(settled=True))

    async def ended_since(self, since: datetime, limit: int = 500) -> Sequence[Ride]:
        stmt = (
            select(Ride)
            .where(Ride.status == RideStatus.PAID, Ride.ended_at >= since)
            .order_by(Ride.ended_at)
            .limit(limit)
        )
        return (await self._s.execute(stmt)).scalars().all()
