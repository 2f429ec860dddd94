"""Campaign management: creation, status and budget changes, creatives and exchange sync."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.exchange import ExchangeClient
from svc.clients.partners import BrandSafetyClient
from svc.db.campaign_repo import CampaignRepository, CreativeRepository
from svc.db.models import AuditEntry, Campaign
from svc.errors import CampaignNameTaken, InvalidStateTransition
from svc.schemas import CampaignCreate, CampaignSummary
from svc.services.caches import CampaignCache, normalize_domain, remember_markup
from svc.services.pacing import PacingService
from svc.utils import landing_host_address

logger = logging.getLogger(__name__)

_exchange_sync_lock = asyncio.Lock()


async def record_audit(session: AsyncSession, actor_id: int, action: str, campaign_id: int) -> None:
    session.add(AuditEntry(actor_id=actor_id, action=action, campaign_id=campaign_id))
    await session.flush()


class CampaignService:
    def __init__(
        self,
        session: AsyncSession,
        *,
        exchange: ExchangeClient,
        brand_safety: BrandSafetyClient,
        cache: CampaignCache,
        pacing: PacingService,
    ) -> None:
        self._session = session
        self._repo = CampaignRepository(session)
        self._creatives = CreativeRepository(session)
        self._exchange = exchange
        self._brand_safety = brand_safety
        self._cache = cache
        self._pacing = pacing

    async def get(self, campaign_id: int) -> Campaign:
        return await self._repo.get_campaign(campaign_id)

    async def create(self, advertiser_id: int, payload: CampaignCreate) -> Campaign:
        existing = await self._repo.find_by_name(advertiser_id, payload.name)
        if existing is not None:
            raise CampaignNameTaken(f"campaign name {payload.name!r} is already used")
        campaign = Campaign(
            advertiser_id=advertiser_id,
            name=payload.name,
            external_ref=payload.external_ref,
            status="draft",
            daily_budget=payload.daily_budget.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP),
            total_budget=payload.total_budget,
            bid_cpm=payload.bid_cpm,
            starts_at=payload.starts_at,
            ends_at=payload.ends_at,
        )
        await self._repo.add(campaign)
        await self._session.commit()
        return campaign

    async def by_external_ref(self, external_ref: str) -> Campaign | None:
        return await self._repo.find_by_external_ref(external_ref)

    async def change_status(self, campaign_id: int, from_status: str, to_status: str) -> None:
        changed = await self._repo.transition_status(campaign_id, from_status, to_status)
        if not changed:
            raise InvalidStateTransition(f"campaign {campaign_id} is not {from_status}")
        await self._session.commit()
        self._cache.invalidate(campaign_id)

    async def update_budget(self, campaign_id: int, daily_budget: Decimal) -> Campaign:
        campaign = await self._repo.get_campaign(campaign_id)
        campaign.daily_budget = daily_budget
        await self._session.commit()
        await self._cache.invalidate(campaign.id)
        await self._pacing.apply_budget(campaign.id, daily_budget)
        return campaign

    async def list_for_agency(self, advertiser_ids: Sequence[int]) -> list[CampaignSummary]:
        campaigns = await self._repo.list_for_advertisers(advertiser_ids)
        summaries: list[CampaignSummary] = []
        for campaign in campaigns:
            creative_count = await self._creatives.count_for(campaign.id)
            summaries.append(
                CampaignSummary(
                    id=campaign.id,
                    name=campaign.name,
                    advertiser_name=campaign.advertiser.name,
                    status=campaign.status,
                    creatives=creative_count,
                )
            )
        return summaries

    async def approve_creatives(self, campaign_id: int) -> list[int]:
        """Approve creatives the exchange has audited and whose landing page resolves."""
        campaign = await self._repo.get_with_children(campaign_id)
        approved: list[int] = []
        for creative in campaign.creatives:
            if creative.approved:
                continue
            try:
                landing_host_address(creative.landing_url)
            except OSError:
                logger.warning("creative %s landing page %s does not resolve", creative.id, creative.landing_url)
                continue
            audit = await self._exchange.creative_audit_status(creative.external_id)
            if audit == "approved":
                creative.approved = True
                remember_markup(creative.id, creative.markup)
                approved.append(creative.id)
        await self._session.commit()
        return approved

    async def audit_statuses(self, campaign_id: int) -> dict[str, str]:
        campaign = await self._repo.get_with_children(campaign_id)
        return await self._exchange.creative_audit_statuses([c.external_id for c in campaign.creatives])

    async def check_site_list(self, domains: Sequence[str]) -> dict[str, bool]:
        unique = sorted({normalize_domain(d) for d in domains})
        return await self._brand_safety.check_many(unique)

    async def push_to_exchange(self, campaign_id: int) -> None:
        campaign = await self._repo.get_with_children(campaign_id)
        payload = exchange_payload(campaign)
        async with _exchange_sync_lock:
            await self._exchange.upsert_campaign(payload)
            logger.info("campaign %s pushed to exchange", campaign_id)


def exchange_payload(campaign: Campaign) -> dict[str, Any]:
    return {
        "external_id": campaign.external_ref or f"cmp-{campaign.id}",
        "name": campaign.name,
        "status": campaign.status,
        "daily_budget": str(campaign.daily_budget),
        "line_items": [
            {"id": item.id, "bid_cpm": str(item.bid_cpm), "deal_id": item.deal_id} for item in campaign.line_items
        ],
        "creatives": [c.external_id for c in campaign.creatives if c.approved],
    }
