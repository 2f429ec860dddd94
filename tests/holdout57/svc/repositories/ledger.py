from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import LedgerEntry, Reserve


class StaleReserve(Exception):
    pass


class LedgerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def reserve(self, claim_id: int, coverage_code: str) -> Reserve | None:
        rows = await self._session.execute(
            select(Reserve).where(Reserve.claim_id == claim_id, Reserve.coverage_code == coverage_code)
        )
        return rows.scalar_one_or_none()

    async def reserve_locked(self, claim_id: int, coverage_code: str) -> Reserve | None:
        rows = await self._session.execute(
            select(Reserve)
            .where(Reserve.claim_id == claim_id, Reserve.coverage_code == coverage_code)
            .with_for_update()
        )
        return rows.scalar_one_or_none()

    async def reserves_for_claim(self, claim_id: int) -> list[Reserve]:
        rows = await self._session.execute(select(Reserve).where(Reserve.claim_id == claim_id))
        return list(rows.scalars())

    async def adjust_reserve(self, reserve: Reserve, new_amount: Decimal) -> None:
        result = await self._session.execute(
            update(Reserve)
            .where(Reserve.id == reserve.id, Reserve.version == reserve.version)
            .values(amount=new_amount, version=Reserve.version + 1)
        )
        if result.rowcount != 1:
            raise StaleReserve(reserve.id)

    async def add_entry(self, entry: LedgerEntry) -> LedgerEntry:
        self._session.add(entry)
        await self._session.flush()
        return entry

    async def entries(self, claim_id: int, limit: int = 200) -> list[LedgerEntry]:
        rows = await self._session.execute(
            select(LedgerEntry)
            .where(LedgerEntry.claim_id == claim_id)
            .order_by(LedgerEntry.created_at.desc())
            .limit(limit)
        )
        return list(rows.scalars())

    async def paid_total(self, claim_id: int) -> Decimal:
        rows = await self._session.execute(
            select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
                LedgerEntry.claim_id == claim_id, LedgerEntry.entry_type == "payment"
            )
        )
        return Decimal(rows.scalar_one())
