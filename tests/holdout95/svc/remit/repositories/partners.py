"""Payout partner configuration and partner reconciliation files."""
from __future__ import annotations

from datetime import date

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import PayoutPartner


class PartnerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_config(self, partner_id: str) -> PayoutPartner | None:
        result = await self._session.execute(select(PayoutPartner).where(PayoutPartner.id == partner_id))
        return result.scalar_one_or_none()

    async def enabled(self) -> list[PayoutPartner]:
        result = await self._session.execute(select(PayoutPartner).where(PayoutPartner.enabled.is_(True)))
        return list(result.scalars())

    async def for_method(self, method: str, country: str) -> PayoutPartner | None:
        result = await self._session.execute(
            select(PayoutPartner)
            .where(PayoutPartner.method == method, PayoutPartner.country == country,
                   PayoutPartner.enabled.is_(True))
            .limit(1)
        )
        return result.scalar_one_or_none()


class ReconRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def register(self, partner_id: str, filename: str, business_date: date) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "INSERT INTO recon_files (partner_id, filename, business_date, status, created_at, updated_at)"
                " VALUES ($1, $2, $3, 'new', now(), now()) ON CONFLICT (filename) DO NOTHING",
                partner_id, filename, business_date,
            )

    async def next_batch(self, limit: int = 5) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT id, partner_id, filename, business_date FROM recon_files WHERE status = 'new' ORDER BY id LIMIT $1",
                limit,
            )
            await conn.execute(
                "UPDATE recon_files SET status = 'processing', updated_at = now() WHERE id = ANY($1::int[])",
                [r["id"] for r in rows],
            )
        return rows

    async def finish(self, file_id: int, status: str) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "UPDATE recon_files SET status = $2, updated_at = now() WHERE id = $1", file_id, status
            )
