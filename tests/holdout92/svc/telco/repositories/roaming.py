from __future__ import annotations

from datetime import datetime

import asyncpg
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from telco.models import RoamingPartner, SettlementFile


class RoamingRepository:
    def __init__(self, session: AsyncSession, pool: asyncpg.Pool) -> None:
        self._session = session
        self._pool = pool

    async def partners(self) -> list[RoamingPartner]:
        result = await self._session.execute(select(RoamingPartner).order_by(RoamingPartner.plmn))
        return list(result.scalars())

    async def claim_pending_file(self) -> SettlementFile | None:
        result = await self._session.execute(
            select(SettlementFile)
            .where(SettlementFile.status == "pending")
            .order_by(SettlementFile.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        return result.scalar_one_or_none()

    async def mark_file(self, file_id: int, status: str, checksum: str | None = None, receipt: str | None = None) -> None:
        await self._session.execute(
            update(SettlementFile)
            .where(SettlementFile.id == file_id)
            .values(status=status, checksum=checksum, receipt=receipt)
        )

    async def usage_for_partner(self, plmn: str, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=10) as conn:
            return await conn.fetch(
                "SELECT cdr_id, msisdn, record_type, started_at, duration_s, volume_kb FROM usage_records "
                "WHERE partner_plmn = $1 AND started_at >= $2 AND started_at < $3",
                plmn, start, end,
            )
