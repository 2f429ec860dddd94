from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, Field

from .. import deps
from ..services.rollout import RolloutService, WaveSpec

router = APIRouter(prefix="/campaigns", tags=["campaigns"])


class WaveIn(BaseModel):
    percent: int = Field(gt=0, le=100)
    scheduled_at: datetime


class CampaignIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    firmware_id: str
    waves: list[WaveIn] = Field(min_length=1, max_length=20)
    max_failure_ratio: float = Field(0.05, ge=0.0, le=1.0)


class ResultIn(BaseModel):
    device_id: str
    success: bool
    version: str


class RescheduleIn(BaseModel):
    not_before: datetime


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_campaign(body: CampaignIn, service: RolloutService = Depends(deps.rollout_service)) -> dict:
    try:
        campaign = await service.create_campaign(
            body.name,
            body.firmware_id,
            [WaveSpec(w.percent, w.scheduled_at) for w in body.waves],
            body.max_failure_ratio,
        )
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    return {"id": campaign.id, "status": campaign.status}


@router.get("")
async def list_campaigns(limit: int = 50, service: RolloutService = Depends(deps.rollout_service)) -> list[dict]:
    return await service.list_with_progress(min(limit, 200))


@router.get("/dashboard")
async def dashboard(service: RolloutService = Depends(deps.rollout_service)) -> list[dict]:
    return await service.dashboard()


@router.get("/{campaign_id}")
async def get_campaign(campaign_id: str, service: RolloutService = Depends(deps.rollout_service)) -> dict:
    campaign = await service.get(campaign_id)
    if campaign is None:
        return {"error": "campaign not found"}
    return {
        "id": campaign.id,
        "name": campaign.name,
        "status": campaign.status,
        "succeeded": campaign.succeeded_count,
        "failed": campaign.failed_count,
        "waves": [
            {"ordinal": w.ordinal, "percent": w.percent, "status": w.status, "scheduled_at": w.scheduled_at}
            for w in campaign.waves
        ],
    }


@router.post("/{campaign_id}/results", status_code=status.HTTP_202_ACCEPTED)
async def report_result(
    campaign_id: str, body: ResultIn, service: RolloutService = Depends(deps.rollout_service)
) -> dict:
    await service.record_result(campaign_id, body.device_id, body.success, body.version)
    return {"accepted": True}


@router.post("/{campaign_id}/reschedule")
async def reschedule(
    campaign_id: str, body: RescheduleIn, service: RolloutService = Depends(deps.rollout_service)
) -> dict:
    campaign = await service.reschedule(campaign_id, body.not_before)
    return {"id": campaign.id, "status": campaign.status}


@router.get("/{campaign_id}/preview")
async def preview(campaign_id: str, group: str, service: RolloutService = Depends(deps.rollout_service)) -> dict:
    return await service.preview_group(campaign_id, group)
