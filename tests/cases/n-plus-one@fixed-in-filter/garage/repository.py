"""Reads of reservations and permits."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from garage.models import Bay, Permit, PermitState, Reservation

LIVE_STATES = ("held", "confirmed", "arrived")


class ReservationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def clashing(self, bay_id: int, start: datetime, end: datetime) -> list[Reservation]:
        stmt = select(Reservation).where(
            Reservation.bay_id == bay_id,
            Reservation.state.in_(LIVE_STATES),
            Reservation.starts_at < end,
            Reservation.ends_at > start,
        )
        return list((await self.session.scalars(stmt)).all())

    async def clashing_any(self, bay_ids: Sequence[int], start: datetime, end: datetime) -> list[Reservation]:
        stmt = select(Reservation).where(
            Reservation.bay_id.in_(bay_ids),
            Reservation.state.in_(LIVE_STATES),
            Reservation.starts_at < end,
            Reservation.ends_at > start,
        )
        return list((await self.session.scalars(stmt)).all())


class PermitRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def valid_for(self, plate: str) -> Permit | None:
        stmt = select(Permit).where(Permit.plate == plate, Permit.state.in_([PermitState.ACTIVE, PermitState.GRACE]))
        return await self.session.scalar(stmt)

    async def valid_for_plates(self, plates: list[str]) -> list[Permit]:
        stmt = select(Permit).where(Permit.plate.in_(plates), Permit.state.in_([PermitState.ACTIVE, PermitState.GRACE]))
        return list((await self.session.scalars(stmt)).all())


class BayRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, bay_id: int):
        return await self.session.get(Bay, bay_id)

    async def reservations_in_window(self, start: datetime, end: datetime) -> list[Reservation]:
        stmt = select(Reservation).where(Reservation.starts_at < end, Reservation.ends_at > start).limit(500)
        return list((await self.session.scalars(stmt)).all())

    async def reservation_batches(self, size: int = 200):
        offset = 0
        while True:
            stmt = select(Reservation).order_by(Reservation.id).offset(offset).limit(size)
            rows = list((await self.session.scalars(stmt)).all())
            if not rows:
                return
            yield rows
            offset += size

    async def count_reservations(self, ids: list[int]) -> int:
        stmt = select(Reservation.id).where(Reservation.id.in_(ids))
        return len(list((await self.session.scalars(stmt)).all()))
