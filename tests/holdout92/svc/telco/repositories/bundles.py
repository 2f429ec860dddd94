from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from telco.models import Bundle, BundlePurchase


class BundleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def catalog(self) -> list[Bundle]:
        result = await self._session.execute(select(Bundle).where(Bundle.active.is_(True)).order_by(Bundle.price_cents))
        return list(result.scalars())

    async def get(self, code: str) -> Bundle | None:
        return await self._session.get(Bundle, code)

    async def purchase_by_payment_ref(self, payment_ref: str) -> BundlePurchase | None:
        result = await self._session.execute(
            select(BundlePurchase).where(BundlePurchase.payment_ref == payment_ref)
        )
        return result.scalar_one_or_none()

    async def create_pending(self, subscriber_id: int, code: str, payment_ref: str) -> None:
        await self._session.execute(
            insert(BundlePurchase)
            .values(subscriber_id=subscriber_id, bundle_code=code, payment_ref=payment_ref, status="pending")
            .on_conflict_do_nothing(index_elements=["payment_ref"])
        )

    async def recent_for(self, subscriber_id: int, since: datetime) -> list[BundlePurchase]:
        result = await self._session.execute(
            select(BundlePurchase)
            .where(BundlePurchase.subscriber_id == subscriber_id, BundlePurchase.created_at >= since)
            .order_by(BundlePurchase.created_at.desc())
        )
        return list(result.scalars())
