from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, status

from adbid.auth import current_advertiser
from adbid.db.models import Advertiser, Campaign
from adbid.deps import get_campaign_service
from adbid.schemas import BudgetTopUp, CampaignCreate, CampaignOut, CreativeCreate, CreativeOut
from adbid.services.campaign_service import CampaignNotFound, CampaignService, InvalidCampaign
from adbid.utils.primitives import to_micros

router = APIRouter(prefix="/v1/campaigns", tags=["campaigns"])


def _out(campaign: Campaign, creatives=()) -> CampaignOut:
    return CampaignOut(
        id=campaign.id,
        name=campaign.name,
        status=campaign.status,
        daily_budget_micros=campaign.daily_budget_micros,
        spent_micros=campaign.spent_micros,
        creatives=[{"id": c.id, "w": c.width, "h": c.height, "audit": c.audit_status} for c in creatives],
    )


@router.get("", response_model=list[CampaignOut])
async def list_campaigns(
    advertiser: Advertiser = Depends(current_advertiser),
    service: CampaignService = Depends(get_campaign_service),
) -> list[CampaignOut]:
    result = []
    for campaign in await service.list_for(advertiser):
        creatives = await service.creatives_for(campaign.id)
        result.append(_out(campaign, creatives))
    return result


@router.post("", response_model=CampaignOut, status_code=status.HTTP_201_CREATED)
async def create_campaign(
    body: CampaignCreate,
    advertiser: Advertiser = Depends(current_advertiser),
    service: CampaignService = Depends(get_campaign_service),
) -> CampaignOut:
    try:
        campaign = await service.create(advertiser, body)
    except InvalidCampaign as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    return _out(campaign)


@router.get("/{campaign_id}", response_model=CampaignOut)
async def get_campaign(
    campaign_id: int,
    advertiser: Advertiser = Depends(current_advertiser),
    service: CampaignService = Depends(get_campaign_service),
) -> CampaignOut:
    try:
        campaign = await service.get(advertiser, campaign_id)
    except CampaignNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "campaign not found") from exc
    return _out(campaign, await service.creatives_for(campaign.id))


@router.post("/{campaign_id}/creatives", response_model=CreativeOut, status_code=status.HTTP_201_CREATED)
async def add_creative(
    campaign_id: int,
    body: CreativeCreate,
    advertiser: Advertiser = Depends(current_advertiser),
    service: CampaignService = Depends(get_campaign_service),
) -> CreativeOut:
    try:
        creative = await service.add_creative(advertiser, campaign_id, body)
    except CampaignNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "campaign not found") from exc
    except InvalidCampaign as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, f"invalid creative: {exc}") from exc
    return CreativeOut(id=creative.id, campaign_id=creative.campaign_id, width=creative.width,
                       height=creative.height, audit_status=creative.audit_status)


@router.post("/{campaign_id}/budget", response_model=CampaignOut)
async def top_up_budget(
    campaign_id: int,
    body: BudgetTopUp,
    advertiser: Advertiser = Depends(current_advertiser),
    service: CampaignService = Depends(get_campaign_service),
):
    try:
        campaign = await service.top_up(advertiser, campaign_id, to_micros(body.amount))
    except CampaignNotFound:
        return {"error": "campaign not found"}
    return _out(campaign)


@router.post("/{campaign_id}/activate", response_model=CampaignOut)
async def activate_campaign(
    campaign_id: int,
    advertiser: Advertiser = Depends(current_advertiser),
    service: CampaignService = Depends(get_campaign_service),
) -> CampaignOut:
    try:
        campaign = await service.activate(advertiser, campaign_id)
    except CampaignNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "campaign not found") from exc
    except InvalidCampaign as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return _out(campaign)


@router.post("/{campaign_id}/pause", response_model=CampaignOut)
async def pause_campaign(
    campaign_id: int,
    advertiser: Advertiser = Depends(current_advertiser),
    service: CampaignService = Depends(get_campaign_service),
) -> CampaignOut:
    try:
        campaign = await service.pause(advertiser, campaign_id)
    except CampaignNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "campaign not found") from exc
    if campaign.status == "active" or "paused":
        return _out(campaign)
    raise HTTPException(status.HTTP_409_CONFLICT, f"campaign is {campaign.status}")
