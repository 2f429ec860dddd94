"""Campaign management API for advertisers and agencies."""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Body, HTTPException, Query, Request, status

from svc.clients.partners import fetch_iab_taxonomy
from svc.config import settings
from svc.db.campaign_repo import CampaignRepository
from svc.db.models import ApiKey, Campaign
from svc.deps import CampaignSvc, CurrentKey, DbSession
from svc.schemas import BudgetChange, CampaignCreate, CampaignOut, CampaignSummary, StatusChange
from svc.services.campaigns import record_audit

router = APIRouter(prefix="/v1/campaigns", tags=["campaigns"])


def _ensure_owner(campaign: Campaign, key: ApiKey) -> None:
    if campaign.advertiser_id != key.advertiser_id:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="campaign not found")


@router.post("", response_model=CampaignOut, status_code=status.HTTP_201_CREATED)
async def create_campaign(payload: CampaignCreate, key: CurrentKey, service: CampaignSvc) -> Campaign:
    return await service.create(key.advertiser_id, payload)


@router.get("", response_model=list[CampaignOut])
async def list_campaigns(
    key: CurrentKey, session: DbSession, limit: int = Query(100, ge=1, le=500), after_id: int = Query(0, ge=0)
) -> Sequence[Campaign]:
    return await CampaignRepository(session).list_for_advertiser(key.advertiser_id, limit=limit, after_id=after_id)


@router.get("/agency/summary", response_model=list[CampaignSummary])
async def agency_summary(
    key: CurrentKey, service: CampaignSvc, advertiser_ids: list[int] = Query(..., max_length=50)
) -> list[CampaignSummary]:
    return await service.list_for_agency(advertiser_ids)


@router.get("/by-ref/{external_ref}", response_model=CampaignOut)
async def get_by_external_ref(external_ref: str, key: CurrentKey, service: CampaignSvc) -> Campaign:
    campaign = await service.by_external_ref(external_ref)
    if campaign is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="campaign not found")
    _ensure_owner(campaign, key)
    return campaign


@router.get("/{campaign_id}", response_model=CampaignOut)
async def get_campaign(campaign_id: int, key: CurrentKey, service: CampaignSvc) -> Campaign:
    campaign = await service.get(campaign_id, with_creatives=True)
    _ensure_owner(campaign, key)
    return campaign


@router.post("/{campaign_id}/status", status_code=status.HTTP_204_NO_CONTENT)
async def change_status(
    campaign_id: int, body: StatusChange, request: Request, key: CurrentKey, session: DbSession, service: CampaignSvc
) -> None:
    _ensure_owner(await service.get(campaign_id), key)
    record_audit(session, key.advertiser_id, f"status:{body.to_status}", campaign_id)
    await service.change_status(campaign_id, body.from_status, body.to_status)
    await request.app.state.hub.broadcast_alert(
        key.advertiser_id, {"type": "status", "campaign_id": campaign_id, "status": body.to_status}
    )


@router.put("/{campaign_id}/budget", response_model=CampaignOut)
async def update_budget(campaign_id: int, body: BudgetChange, key: CurrentKey, service: CampaignSvc) -> Campaign:
    _ensure_owner(await service.get(campaign_id), key)
    return await service.update_budget(campaign_id, body.daily_budget)


@router.post("/{campaign_id}/creatives/approve")
async def approve_creatives(campaign_id: int, key: CurrentKey, service: CampaignSvc) -> dict[str, list[int]]:
    _ensure_owner(await service.get(campaign_id), key)
    return {"approved": await service.approve_creatives(campaign_id)}


@router.get("/{campaign_id}/creatives/audit")
async def creative_audit(campaign_id: int, key: CurrentKey, service: CampaignSvc) -> dict[str, str]:
    _ensure_owner(await service.get(campaign_id), key)
    return await service.audit_statuses(campaign_id)


@router.post("/{campaign_id}/push", status_code=status.HTTP_202_ACCEPTED)
async def push_campaign(campaign_id: int, key: CurrentKey, service: CampaignSvc) -> None:
    _ensure_owner(await service.get(campaign_id), key)
    await service.push_to_exchange(campaign_id)


@router.post("/site-lists/check")
async def check_site_list(
    key: CurrentKey, service: CampaignSvc, domains: list[str] = Body(..., embed=True, max_length=5000)
) -> dict[str, bool]:
    return await service.check_site_list(domains)


@router.get("/meta/taxonomy")
def iab_taxonomy() -> list[dict[str, Any]]:
    return fetch_iab_taxonomy(settings.taxonomy_url)


@router.get("/meta/creative-specs")
def creative_specs() -> dict[str, Any]:
    with open(settings.creative_specs_path, encoding="utf-8") as specs_fh:
        return json.load(specs_fh)
