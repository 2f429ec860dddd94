"""SQLAlchemy repositories for the campaign management API."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from fastapi import HTTPException, status
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import ApiKey, Base, Campaign, Creative
from svc.errors import CampaignNotFound

ModelT = TypeVar("ModelT", bound=Base)


class BaseRepository(Generic[ModelT]):
    model: type[ModelT]

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def fetch_one(self, pk: int) -> ModelT | None:
        return await self._session.get(self.model, pk)

    async def add(self, obj: ModelT) -> ModelT:
        self._session.add(obj)
        await self._session.flush()
        return obj


class CampaignRepository(BaseRepository[Campaign]):
    model = Campaign

    async def get_campaign(self, campaign_id: int) -> Campaign:
        campaign = await self.fetch_one(campaign_id)
        if campaign is None:
            raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=f"campaign {campaign_id} not found")
        return campaign

    async def get_with_children(self, campaign_id: int) -> Campaign:
        stmt = (
            select(Campaign)
            .options(selectinload(Campaign.line_items), selectinload(Campaign.creatives))
            .where(Campaign.id == campaign_id)
        )
        campaign = await self._session.scalar(stmt)
        if campaign is None:
            raise CampaignNotFound(campaign_id)
        return campaign

    async def list_for_advertiser(
        self, advertiser_id: int, *, limit: int = 100, after_id: int = 0
    ) -> Sequence[Campaign]:
        stmt = (
            select(Campaign)
            .where(Campaign.advertiser_id == advertiser_id, Campaign.id > after_id)
            .order_by(Campaign.id)
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def list_for_advertisers(self, advertiser_ids: Sequence[int]) -> Sequence[Campaign]:
        stmt = (
            select(Campaign)
            .options(selectinload(Campaign.advertiser))
            .where(Campaign.advertiser_id.in_(advertiser_ids))
            .order_by(Campaign.advertiser_id, Campaign.id)
        )
        return (await self._session.scalars(stmt)).all()

    async def find_by_name(self, advertiser_id: int, name: str) -> Campaign | None:
        stmt = select(Campaign).where(Campaign.advertiser_id == advertiser_id, Campaign.name == name)
        return await self._session.scalar(stmt)

    async def find_by_external_ref(self, external_ref: str) -> Campaign | None:
        result = await self._session.execute(select(Campaign).where(Campaign.external_ref == external_ref))
        return result.scalar_one_or_none()

    async def transition_status(self, campaign_id: int, from_status: str, to_status: str) -> bool:
        stmt = (
            update(Campaign)
            .where(Campaign.id == campaign_id, Campaign.status == from_status)
            .values(status=to_status, updated_at=func.now())
        )
        result = await self._session.execute(stmt)
        return result.rowcount == 1


class CreativeRepository(BaseRepository[Creative]):
    model = Creative

    async def count_for(self, campaign_id: int) -> int:
        count = await self._session.scalar(select(func.count()).where(Creative.campaign_id == campaign_id))
        return int(count or 0)


class ApiKeyRepository(BaseRepository[ApiKey]):
    model = ApiKey

    async def by_prefix(self, prefix: str) -> ApiKey | None:
        stmt = select(ApiKey).where(ApiKey.prefix == prefix, ApiKey.revoked.is_(False))
        return await self._session.scalar(stmt)
