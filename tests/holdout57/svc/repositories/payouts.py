from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Payout, PayoutStatus


class PayoutRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, payout_id: int) -> Payout | None:
        return await self._session.get(Payout, payout_id)

    async def get_locked(self, payout_id: int) -> Payout | None:
        rows = await self._session.execute(select(Payout).where(Payout.id == payout_id).with_for_update())
        return rows.scalar_one_or_none()

    async def by_idempotency_key(self, key: str) -> Payout | None:
        rows = await self._session.execute(select(Payout).where(Payout.idempotency_key == key))
        return rows.scalar_one_or_none()

    async def by_external_refs(self, references: list[str]) -> dict[str, Payout]:
        if not references:
            return {}
        rows = await self._session.execute(select(Payout).where(Payout.external_ref.in_(references)))
        return {p.external_ref: p for p in rows.scalars()}

    async def add(self, payout: Payout) -> Payout:
        self._session.add(payout)
        await self._session.flush()
        return payout

    async def for_claim(self, claim_id: int) -> list[Payout]:
        rows = await self._session.execute(select(Payout).where(Payout.claim_id == claim_id).order_by(Payout.id))
        return list(rows.scalars())

    async def submitted_before(self, cutoff: datetime, limit: int = 500) -> list[Payout]:
        rows = await self._session.execute(
            select(Payout)
            .where(Payout.status == PayoutStatus.SUBMITTED, Payout.submitted_at < cutoff)
            .order_by(Payout.submitted_at)
            .limit(limit)
        )
        return list(rows.scalars())
