"""Campaign lifecycle: creation, budget top-ups, activation and pausing."""
from __future__ import annotations

import json
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from adbid.cache.campaign_cache import CampaignCache
from adbid.db.models import Advertiser, Campaign, Creative
from adbid.repositories.campaigns import CampaignRepository
from adbid.repositories.creatives import CreativeRepository
from adbid.schemas import CampaignCreate, CreativeCreate
from adbid.ws.hub import SpendPublisher
from adbid.utils.primitives import to_micros

log = logging.getLogger(__name__)


class CampaignNotFound(LookupError):
    pass


class InvalidCampaign(ValueError):
    pass


class CampaignService:
    def __init__(self, session: AsyncSession, cache: CampaignCache, publisher: SpendPublisher) -> None:
        self._repo = CampaignRepository(session)
        self._creatives = CreativeRepository(session)
        self._cache = cache
        self._publisher = publisher

    async def _owned(self, advertiser: Advertiser, campaign_id: int) -> Campaign:
        campaign = await self._repo.get(campaign_id)
        if campaign is None or campaign.advertiser_id != advertiser.id:
            raise CampaignNotFound(campaign_id)
        return campaign

    async def create(self, advertiser: Advertiser, body: CampaignCreate) -> Campaign:
        if body.end_date < body.start_date:
            raise InvalidCampaign("end_date before start_date")
        if body.daily_budget > body.total_budget:
            raise InvalidCampaign("daily budget exceeds total budget")
        campaign = Campaign(
            advertiser_id=advertiser.id,
            name=body.name,
            daily_budget_micros=to_micros(body.daily_budget),
            total_budget_micros=to_micros(body.total_budget),
            max_bid_micros=to_micros(body.max_bid_cpm),
            pacing=body.pacing,
            start_date=body.start_date,
            end_date=body.end_date,
            targeting=json.dumps({"countries": body.countries, "frequency_cap": body.frequency_cap}),
        )
        await self._repo.add(campaign)
        await self._repo.commit()
        log.info("campaign %s created for advertiser %s", campaign.id, advertiser.id)
        return campaign

    async def top_up(self, advertiser: Advertiser, campaign_id: int, amount_micros: int) -> Campaign:
        campaign = await self._owned(advertiser, campaign_id)
        campaign.total_budget_micros = campaign.total_budget_micros + amount_micros
        await self._repo.commit()
        self._cache.invalidate(campaign_id)
        return campaign

    async def activate(self, advertiser: Advertiser, campaign_id: int) -> Campaign:
        campaign = await self._repo.get_for_update(campaign_id)
        if campaign is None or campaign.advertiser_id != advertiser.id:
            raise CampaignNotFound(campaign_id)
        if campaign.status not in ("draft", "paused"):
            raise InvalidCampaign(f"cannot activate a {campaign.status} campaign")
        creatives = await self._creatives.list_for_campaign(campaign_id)
        if not any(c.audit_status == "approved" for c in creatives):
            raise InvalidCampaign("campaign has no approved creative")
        campaign.status = "active"
        await self._repo.commit()
        await self._publisher.publish_campaign_update(advertiser.id, campaign_id, "active")
        return campaign

    async def pause(self, advertiser: Advertiser, campaign_id: int) -> Campaign:
        campaign = await self._owned(advertiser, campaign_id)
        await self._repo.set_status(campaign_id, "paused")
        await self._repo.commit()
        self._cache.evict(campaign_id)
        self._publisher.publish_campaign_update(advertiser.id, campaign_id, "paused")
        return campaign

    async def get(self, advertiser: Advertiser, campaign_id: int) -> Campaign:
        return await self._owned(advertiser, campaign_id)

    async def add_creative(self, advertiser: Advertiser, campaign_id: int, body: CreativeCreate) -> Creative:
        campaign = await self._owned(advertiser, campaign_id)
        if not body.landing_url.startswith("https://"):
            raise InvalidCampaign("landing pages must be served over https")
        creative = Creative(
            campaign_id=campaign.id,
            width=body.width,
            height=body.height,
            markup=body.markup,
            landing_url=body.landing_url,
        )
        self._repo.session.add(creative)
        await self._repo.commit()
        log.info("creative %s added to campaign %s; awaiting audit", creative.id, campaign.id)
        return creative

    async def list_for(self, advertiser: Advertiser) -> list[Campaign]:
        return list(await self._repo.list_for_advertiser(advertiser.id))

    async def creatives_for(self, campaign_id: int):
        return await self._creatives.list_for_campaign(campaign_id)
