"""ORM-backed repositories for tables, deposits and visit history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from fastapi import HTTPException
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Deposit, DiningTable, Reservation


class TableRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_venue(self, venue_id: int) -> list[DiningTable]:
        result = await self._session.scalars(select(DiningTable).where(DiningTable.venue_id == venue_id))
        return list(result)

    async def get(self, table_id: int) -> DiningTable:
        table = await self._session.get(DiningTable, table_id)
        if table is None:
            raise HTTPException(status_code=404, detail=f"table {table_id} not found")
        return table


class DepositRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_intent(self, intent_id: str) -> Deposit | None:
        return await self._session.scalar(select(Deposit).where(Deposit.provider_intent_id == intent_id))

    async def for_reservation(self, reservation_id: int) -> Deposit | None:
        stmt = select(Deposit).where(Deposit.reservation_id == reservation_id).order_by(Deposit.id.desc()).limit(1)
        return await self._session.scalar(stmt)

    def add(self, reservation_id: int, intent_id: str, amount_cents: int, currency: str) -> Deposit:
        deposit = Deposit(reservation_id=reservation_id, provider_intent_id=intent_id, amount_cents=amount_cents, currency=currency)
        self._session.add(deposit)
        return deposit

    async def mark_status(self, deposit_id: int, from_status: str, to_status: str) -> bool:
        result = await self._session.execute(update(Deposit).where(Deposit.id == deposit_id, Deposit.status == from_status).values(status=to_status))
        return result.rowcount == 1


class VisitHistoryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def recent_visits(self, guest_id: int, limit: int = 20) -> list[dict[str, Any]]:
        stmt = select(Reservation).where(Reservation.guest_id == guest_id).order_by(Reservation.starts_at.desc()).limit(limit)
        visits: list[dict[str, Any]] = []
        for res in await self._session.scalars(stmt):
            table = await res.awaitable_attrs.table
            visits.append({"id": res.id, "starts_at": res.starts_at, "party_size": res.party_size, "table": table.label if table else None})
        return visits

    async def upcoming_with_tables(self, venue_id: int, start: datetime, end: datetime) -> Sequence[dict[str, Any]]:
        stmt = (
            select(Reservation)
            .options(selectinload(Reservation.table))
            .where(Reservation.venue_id == venue_id, Reservation.starts_at >= start, Reservation.starts_at < end)
        )
        rows = (await self._session.scalars(stmt)).all()
        return [{"id": r.id, "starts_at": r.starts_at, "table": r.table.label if r.table else None} for r in rows]
