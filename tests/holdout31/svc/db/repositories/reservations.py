from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from svc.db.models import Reservation
from svc.db.repositories.base import BaseRepository


class ReservationRepository(BaseRepository[Reservation]):
    model = Reservation

    async def find_active(self, connector_id: int) -> Reservation | None:
        stmt = select(Reservation).where(Reservation.connector_id == connector_id, Reservation.status == "active")
        return (await self._db.execute(stmt)).scalars().first()

    async def create(self, connector_id: int, driver_id: int, expires_at: datetime) -> Reservation:
        return await self.add(Reservation(connector_id=connector_id, driver_id=driver_id, expires_at=expires_at))

    async def list_expired(self, now: datetime, *, limit: int = 200) -> list[Reservation]:
        stmt = (
            select(Reservation)
            .where(Reservation.status == "active", Reservation.expires_at <= now)
            .order_by(Reservation.expires_at)
            .limit(limit)
        )
        return list((await self._db.scalars(stmt)).all())

    async def set_status(self, reservation_id: int, status: str) -> None:
        await self._db.execute(update(Reservation).where(Reservation.id == reservation_id).values(status=status))
