"""Payout and shipment persistence."""
from __future__ import annotations

from collections.abc import Sequence

import asyncpg
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Payout, Shipment


class PayoutRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def pending(self, limit: int = 100) -> Sequence[Payout]:
        result = await self._session.execute(
            select(Payout).where(Payout.status == "pending").order_by(Payout.id).limit(limit)
        )
        return result.scalars().all()

    async def for_seller(self, seller_id: int) -> Sequence[Payout]:
        result = await self._session.execute(
            select(Payout).where(Payout.seller_id == seller_id).order_by(Payout.id.desc()).limit(100)
        )
        return result.scalars().all()

    async def create_once(self, lot_id: int, seller_id: int, amount_cents: int) -> None:
        stmt = (
            insert(Payout)
            .values(lot_id=lot_id, seller_id=seller_id, amount_cents=amount_cents)
            .on_conflict_do_nothing(index_elements=[Payout.lot_id])
        )
        await self._session.execute(stmt)

    async def mark_paid(self, payout_id: int, provider_ref: str) -> None:
        await self._session.execute(
            update(Payout)
            .where(Payout.id == payout_id, Payout.status == "pending")
            .values(status="paid", provider_ref=provider_ref)
        )

    async def bump_attempts(self, payout_id: int) -> None:
        await self._session.execute(
            update(Payout).where(Payout.id == payout_id).values(attempts=Payout.attempts + 1)
        )


class ShipmentRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def by_tracking(self, tracking_number: str) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchrow(
                "SELECT id, lot_id, carrier, status FROM shipments WHERE tracking_number = $1",
                tracking_number,
            )

    async def for_lot(self, lot_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire() as conn:
            return await conn.fetchrow(
                "SELECT id, carrier, tracking_number, status FROM shipments WHERE lot_id = $1",
                lot_id,
            )

    async def update_status(self, shipment_id: int, status: str) -> None:
        async with self._pool.acquire(timeout=5.0) as conn:
            await conn.execute("UPDATE shipments SET status = $2 WHERE id = $1", shipment_id, status)
