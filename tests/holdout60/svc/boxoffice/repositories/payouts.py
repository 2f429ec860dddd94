from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Payout, Promoter


class PayoutRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def promoter(self, promoter_id: int) -> Promoter | None:
        return await self._session.get(Promoter, promoter_id)

    async def upsert_pending(self, promoter_id: int, event_id: int, gross: int, fee: int, net: int) -> int | None:
        stmt = (
            insert(Payout)
            .values(promoter_id=promoter_id, event_id=event_id, gross_cents=gross, fee_cents=fee, net_cents=net)
            .on_conflict_do_nothing(constraint="uq_payout_promoter_event")
            .returning(Payout.id)
        )
        payout_id = (await self._session.execute(stmt)).scalar_one_or_none()
        await self._session.commit()
        return payout_id

    async def get(self, payout_id: int) -> Payout | None:
        return await self._session.get(Payout, payout_id)

    async def for_promoter(self, promoter_id: int) -> Sequence[Payout]:
        stmt = select(Payout).where(Payout.promoter_id == promoter_id).order_by(Payout.created_at.desc())
        return (await self._session.execute(stmt)).scalars().all()

    async def mark(self, payout: Payout, status: str, provider_ref: str | None = None) -> None:
        payout.status = status
        if provider_ref is not None:
            payout.provider_ref = provider_ref
        await self._session.commit()
