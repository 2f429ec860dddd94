"""Campaign persistence on the SQLAlchemy async ORM."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from adbid.db.models import Campaign


class CampaignRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @property
    def session(self) -> AsyncSession:
        return self._session

    async def get(self, campaign_id: int) -> Campaign | None:
        return await self._session.get(Campaign, campaign_id)

    async def get_for_update(self, campaign_id: int) -> Campaign | None:
        stmt = select(Campaign).where(Campaign.id == campaign_id).with_for_update()
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def list_for_advertiser(self, advertiser_id: int) -> Sequence[Campaign]:
        stmt = select(Campaign).where(Campaign.advertiser_id == advertiser_id).order_by(Campaign.id)
        return (await self._session.scalars(stmt)).all()

    async def list_active(self) -> Sequence[Campaign]:
        stmt = select(Campaign).where(Campaign.status == "active")
        return (await self._session.scalars(stmt)).all()

    async def list_active_with_creatives(self) -> Sequence[Campaign]:
        stmt = (
            select(Campaign)
            .where(Campaign.status == "active")
            .options(selectinload(Campaign.creatives))
        )
        return (await self._session.scalars(stmt)).all()

    async def advertiser_ids(self, campaign_ids: list[int]) -> dict[int, int]:
        if not campaign_ids:
            return {}
        stmt = select(Campaign.id, Campaign.advertiser_id).where(Campaign.id.in_(campaign_ids))
        return {cid: aid for cid, aid in (await self._session.execute(stmt)).all()}

    async def add(self, campaign: Campaign) -> Campaign:
        self._session.add(campaign)
        await self._session.flush()
        return campaign

    async def add_spend(self, campaign_id: int, amount_micros: int) -> int | None:
        stmt = (
            update(Campaign)
            .where(Campaign.id == campaign_id)
            .values(spent_micros=Campaign.spent_micros + amount_micros)
            .returning(Campaign.spent_micros)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def set_status(self, campaign_id: int, status: str) -> None:
        await self._session.execute(update(Campaign).where(Campaign.id == campaign_id).values(status=status))

    async def commit(self) -> None:
        await self._session.commit()
