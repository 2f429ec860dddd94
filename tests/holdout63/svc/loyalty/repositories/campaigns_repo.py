from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from loyalty.db.models import Campaign, CampaignAward


class CampaignsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, campaign_id: int) -> Campaign | None:
        return await self._session.get(Campaign, campaign_id)

    async def due(self, now: datetime) -> list[Campaign]:
        stmt = select(Campaign).where(Campaign.status == "scheduled", Campaign.starts_at <= now)
        return list((await self._session.execute(stmt)).scalars())

    async def claim_due(self, now: datetime, limit: int = 5) -> list[Campaign]:
        stmt = (
            select(Campaign)
            .where(Campaign.status == "scheduled", Campaign.starts_at <= now)
            .order_by(Campaign.starts_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        campaigns = list((await self._session.execute(stmt)).scalars())
        for campaign in campaigns:
            campaign.status = "running"
        return campaigns

    async def mark(self, campaign_id: int, status: str) -> None:
        await self._session.execute(update(Campaign).where(Campaign.id == campaign_id).values(status=status))

    async def active(self, now: datetime) -> list[Campaign]:
        stmt = select(Campaign).where(Campaign.status == "running", Campaign.ends_at > now)
        return list((await self._session.execute(stmt)).scalars())

    async def record_award(self, campaign_id: int, member_id: int, points: int) -> bool:
        stmt = (
            insert(CampaignAward)
            .values(campaign_id=campaign_id, member_id=member_id, points=points)
            .on_conflict_do_nothing(constraint="uq_campaign_member")
            .returning(CampaignAward.id)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none() is not None

    async def add_spend(self, campaign_id: int, points: int) -> int:
        stmt = (
            update(Campaign)
            .where(Campaign.id == campaign_id, Campaign.spent_points + points <= Campaign.budget_points)
            .values(spent_points=Campaign.spent_points + points)
            .returning(Campaign.spent_points)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none() or -1
