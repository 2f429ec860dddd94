from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from loyalty.db.models import Campaign
from loyalty.deps import SessionDep, StaffDep, services
from loyalty.repositories.campaigns_repo import CampaignsRepository

router = APIRouter(prefix="/v1/admin/campaigns", tags=["campaigns"])


class CampaignIn(BaseModel):
    name: str = Field(max_length=120)
    segment_rule: dict[str, Any]
    bonus_points: int = Field(ge=0)
    multiplier: float = Field(ge=1, le=5)
    budget_points: int = Field(gt=0)
    starts_at: datetime
    ends_at: datetime


@router.post("", status_code=201)
async def create_campaign(body: CampaignIn, _: StaffDep, session: SessionDep) -> dict[str, int]:
    if body.ends_at <= body.starts_at:
        raise HTTPException(422, "campaign must end after it starts")
    campaign = Campaign(**body.model_dump(), status="scheduled")
    session.add(campaign)
    await session.commit()
    return {"id": campaign.id}


@router.get("/{campaign_id}/preview")
async def preview_segment(request: Request, campaign_id: int, _: StaffDep, session: SessionDep) -> dict[str, Any]:
    campaign = await CampaignsRepository(session).get(campaign_id)
    if campaign is None:
        raise HTTPException(404, "campaign not found")
    member_ids = await services(request).segments.resolve(session, campaign.segment_rule)
    return {"members": len(member_ids), "sample": member_ids[:20]}


@router.post("/{campaign_id}/cancel", status_code=204)
async def cancel_campaign(campaign_id: int, _: StaffDep, session: SessionDep) -> None:
    await CampaignsRepository(session).mark(campaign_id, "cancelled")
    await session.commit()
