"""Reservation queries. Windows are half-open: [starts_at, ends_at)."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import func, select, update

from ..models import Reservation
from .base import BaseRepository

BLOCKING_STATUSES = ("pending", "confirmed", "active", "overdue")


class ReservationRepository(BaseRepository[Reservation]):
    model = Reservation

    async def by_code(self, code: str) -> Reservation | None:
        stmt = select(Reservation).where(Reservation.code == code.upper())
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def has_overlap(
        self, vehicle_id: uuid.UUID, starts_at: datetime, ends_at: datetime, *, exclude: uuid.UUID | None = None
    ) -> bool:
        overlap_stmt = select(Reservation.id).where(
            Reservation.vehicle_id == vehicle_id,
            Reservation.status.in_(BLOCKING_STATUSES),
            Reservation.starts_at < ends_at,
            Reservation.ends_at > starts_at,
        )
        if exclude is not None:
            overlap_stmt = overlap_stmt.where(Reservation.id != exclude)
        return (await self._session.execute(overlap_stmt.limit(1))).first() is not None

    async def for_update(self, reservation_id: uuid.UUID) -> Reservation | None:
        stmt = select(Reservation).where(Reservation.id == reservation_id).with_for_update()
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def find_overdue(self, now: datetime, limit: int = 500) -> Sequence[Reservation]:
        stmt = (
            select(Reservation)
            .where(Reservation.status == "active", Reservation.ends_at < now)
            .order_by(Reservation.ends_at)
            .limit(limit)
        )
        return (await self._session.execute(stmt)).scalars().all()

    async def claim_releasable(self, limit: int = 200) -> Sequence[Reservation]:
        """Lock a batch of returned reservations whose deposit is still held."""
        stmt = (
            select(Reservation)
            .where(Reservation.deposit_status == "held", Reservation.status == "returned")
            .order_by(Reservation.deposit_release_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return (await self._session.execute(stmt)).scalars().all()

    async def mark_deposit_released(self, reservation_id: uuid.UUID) -> bool:
        stmt = (
            update(Reservation)
            .where(Reservation.id == reservation_id, Reservation.deposit_status == "held")
            .values(deposit_status="released")
            .returning(Reservation.id)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none() is not None

    async def count_pickups(self, branch_id: str, day: date) -> int:
        start = datetime.combine(day, time.min, tzinfo=timezone.utc)
        stmt = select(Reservation).where(
            Reservation.pickup_branch_id == branch_id,
            Reservation.starts_at >= start,
            Reservation.starts_at < start + timedelta(days=1),
        )
        return len((await self._session.execute(stmt)).scalars().all())

    async def count_active(self, branch_id: str) -> int:
        stmt = select(func.count()).select_from(Reservation).where(
            Reservation.pickup_branch_id == branch_id, Reservation.status == "active"
        )
        return (await self._session.execute(stmt)).scalar_one()

    async def status_summary(self, branch_id: str) -> dict[str, int]:
        summary: dict[str, int] = {}
        for status in ("confirmed", "active", "overdue"):
            stmt = select(func.count(Reservation.id)).where(
                Reservation.pickup_branch_id == branch_id, Reservation.status == status
            )
            summary[status] = (await self._session.execute(stmt)).scalar_one()
        return summary

    async def recent_for_customer(self, customer_id: uuid.UUID, limit: int = 20) -> Sequence[Reservation]:
        stmt = (
            select(Reservation)
            .where(Reservation.customer_id == customer_id)
            .order_by(Reservation.created_at.desc())
            .limit(limit)
        )
        return (await self._session.execute(stmt)).scalars().all()
