from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from .models import Campaign


class CampaignRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def get(self, campaign_id: int) -> Campaign | None:
        async with self._sessions() as session:
            return await session.get(Campaign, campaign_id)

    async def save(self, campaign: Campaign) -> None:
        async with self._sessions() as session, session.begin():
            await session.merge(campaign)

    def describe(self, campaign: Campaign) -> str:
        return f"campaign {campaign.id}"

    async def add_to_total(self, campaign_id: int, amount_cents: int) -> None:
        async with self._sessions() as session, session.begin():
            await session.execute(update(Campaign).where(Campaign.id == campaign_id)
                                  .values(raised_cents=Campaign.raised_cents + amount_cents))
