from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Bay, ParkingSession, Zone


class SessionRepository:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def get(self, session_id: int) -> ParkingSession | None:
        return await self._db.get(ParkingSession, session_id)

    async def get_for_update(self, session_id: int) -> ParkingSession | None:
        stmt = select(ParkingSession).where(ParkingSession.id == session_id).with_for_update()
        return (await self._db.execute(stmt)).scalar_one_or_none()

    async def by_payment_ref(self, payment_ref: str) -> ParkingSession | None:
        stmt = select(ParkingSession).where(ParkingSession.payment_ref == payment_ref)
        return (await self._db.execute(stmt)).scalar_one_or_none()

    async def active_by_plate(self, plate: str) -> Sequence[ParkingSession]:
        stmt = select(ParkingSession).where(ParkingSession.plate == plate, ParkingSession.status == "active")
        return (await self._db.execute(stmt)).scalars().all()

    async def active_zones_by_plates(self, plates: list[str]) -> dict[str, set[int]]:
        stmt = select(ParkingSession.plate, ParkingSession.zone_id).where(
            ParkingSession.plate.in_(plates), ParkingSession.status == "active"
        )
        zones: dict[str, set[int]] = {}
        for plate, zone_id in (await self._db.execute(stmt)).all():
            zones.setdefault(plate, set()).add(zone_id)
        return zones

    async def search_plate_fragment(self, fragment: str) -> Sequence[ParkingSession]:
        stmt = (
            select(ParkingSession)
            .where(ParkingSession.plate.ilike(f"%{fragment}%"))
            .order_by(ParkingSession.started_at.desc())
        )
        return (await self._db.execute(stmt)).scalars().all()

    async def list_for_user(self, user_id: int, limit: int = 50) -> Sequence[ParkingSession]:
        stmt = (
            select(ParkingSession)
            .where(ParkingSession.user_id == user_id)
            .order_by(ParkingSession.started_at.desc())
            .limit(limit)
        )
        return (await self._db.execute(stmt)).scalars().all()

    async def expired_in_zone(self, zone_id: int, now: datetime) -> Sequence[ParkingSession]:
        stmt = select(ParkingSession).where(
            ParkingSession.zone_id == zone_id,
            ParkingSession.status == "active",
            ParkingSession.ends_at < now,
        )
        return (await self._db.execute(stmt)).scalars().all()

    async def occupied_bays(self, zone_id: int) -> set[int]:
        stmt = select(ParkingSession.bay_id).where(
            ParkingSession.zone_id == zone_id,
            ParkingSession.status == "active",
            ParkingSession.bay_id.is_not(None),
        )
        return set((await self._db.execute(stmt)).scalars())

    async def expired_before(self, now: datetime, limit: int = 500) -> Sequence[ParkingSession]:
        stmt = (
            select(ParkingSession)
            .where(ParkingSession.ends_at < now, ParkingSession.status == "active")
            .order_by(ParkingSession.ends_at)
            .limit(limit)
        )
        return (await self._db.execute(stmt)).scalars().all()

    async def mark_expired(self, ids: list[int]) -> None:
        if ids:
            await self._db.execute(update(ParkingSession).where(ParkingSession.id.in_(ids)).values(status="expired"))

    def add(self, session: ParkingSession) -> None:
        self._db.add(session)


class ZoneRepository:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def get(self, zone_id: int) -> Zone | None:
        return await self._db.get(Zone, zone_id)

    async def all(self) -> Sequence[Zone]:
        return (await self._db.execute(select(Zone).order_by(Zone.code))).scalars().all()

    async def by_code(self, code: str) -> Zone | None:
        return (await self._db.execute(select(Zone).where(Zone.code == code))).scalar_one_or_none()

    async def bay_for_sensor(self, sensor_id: str) -> Bay | None:
        return (await self._db.execute(select(Bay).where(Bay.sensor_id == sensor_id))).scalar_one_or_none()

    async def free_bay(self, zone_id: int, occupied: set[int]) -> Bay | None:
        stmt = select(Bay).where(Bay.zone_id == zone_id)
        if occupied:
            stmt = stmt.where(Bay.id.not_in(occupied))
        return (await self._db.execute(stmt.limit(1))).scalars().first()
