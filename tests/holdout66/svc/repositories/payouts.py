from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import AdCampaign, AdImpression, CreatorBalance, Episode, Payout, Show


class PayoutRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def balance(self, creator_id: int) -> CreatorBalance | None:
        return await self._session.get(CreatorBalance, creator_id)

    async def balance_for_update(self, creator_id: int) -> CreatorBalance | None:
        stmt = select(CreatorBalance).where(CreatorBalance.creator_id == creator_id).with_for_update()
        result = await self._session.execute(stmt)
        return result.scalar_one_or_none()

    async def debit_if_available(self, creator_id: int, amount_cents: int) -> bool:
        result = await self._session.execute(
            update(CreatorBalance)
            .where(CreatorBalance.creator_id == creator_id, CreatorBalance.available_cents >= amount_cents)
            .values(
                available_cents=CreatorBalance.available_cents - amount_cents,
                pending_cents=CreatorBalance.pending_cents + amount_cents,
            )
        )
        return result.rowcount == 1

    async def history(self, creator_id: int, limit: int = 50) -> Sequence[Payout]:
        stmt = (
            select(Payout)
            .where(Payout.creator_id == creator_id)
            .order_by(Payout.created_at.desc())
            .limit(limit)
        )
        result = await self._session.execute(stmt)
        return result.scalars().all()

    async def by_idempotency_key(self, key: str) -> Payout | None:
        result = await self._session.execute(select(Payout).where(Payout.idempotency_key == key))
        return result.scalar_one_or_none()

    async def earnings_since(self, creator_id: int, since: dt.date) -> int:
        stmt = (
            select(func.coalesce(func.sum(AdImpression.revenue_cents), 0))
            .join(Episode, Episode.id == AdImpression.episode_id)
            .join(Show, Show.id == Episode.show_id)
            .where(Show.creator_id == creator_id, AdImpression.day >= since)
        )
        result = await self._session.execute(stmt)
        return int(result.scalar_one())

    async def earnings_since_for_all(self, since: dt.date) -> dict[int, int]:
        stmt = (
            select(Show.creator_id, func.coalesce(func.sum(AdImpression.revenue_cents), 0))
            .join(Episode, Episode.id == AdImpression.episode_id)
            .join(Show, Show.id == Episode.show_id)
            .where(AdImpression.day >= since)
            .group_by(Show.creator_id)
        )
        result = await self._session.execute(stmt)
        return {creator_id: int(total) for creator_id, total in result.all()}

    async def creators_with_balance(self, minimum_cents: int) -> Sequence[CreatorBalance]:
        stmt = select(CreatorBalance).where(CreatorBalance.available_cents >= minimum_cents)
        result = await self._session.execute(stmt)
        return result.scalars().all()

    async def add(self, payout: Payout) -> Payout:
        self._session.add(payout)
        await self._session.flush()
        return payout


class AdRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def active_campaigns(self) -> Sequence[AdCampaign]:
        result = await self._session.execute(select(AdCampaign).where(AdCampaign.active.is_(True)))
        return result.scalars().all()

    async def campaign(self, campaign_id: int) -> AdCampaign | None:
        return await self._session.get(AdCampaign, campaign_id)

    async def record_impressions(self, impressions: Sequence[AdImpression]) -> None:
        self._session.add_all(list(impressions))
        await self._session.flush()

    async def revenue_for_episode(self, episode_id: int, since: dt.date) -> int:
        stmt = select(func.coalesce(func.sum(AdImpression.revenue_cents), 0)).where(
            AdImpression.episode_id == episode_id, AdImpression.day >= since
        )
        result = await self._session.execute(stmt)
        return int(result.scalar_one())
