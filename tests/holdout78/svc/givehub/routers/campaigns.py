from __future__ import annotations

import httpx
from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from ..container import Container
from ..deps import get_container, require_staff

router = APIRouter(prefix="/campaigns", tags=["campaigns"])

SHORTENER_URL = "https://sho.rt.example/api/links"


class OfflineDonationIn(BaseModel):
    amount_cents: int = Field(gt=0, le=10_000_000)


class GoalIn(BaseModel):
    goal_cents: int = Field(gt=0)


@router.get("/featured")
async def featured(container: Container = Depends(get_container)) -> list[dict]:
    return await container.campaign_service.featured()


@router.get("/ending-soon")
async def ending_soon(container: Container = Depends(get_container)) -> list[dict]:
    return await container.campaigns.ending_soon()


@router.get("/{campaign_id}")
async def summary(campaign_id: int, container: Container = Depends(get_container)) -> dict:
    return await container.campaign_service.summary(campaign_id)


@router.get("/{campaign_id}/stats")
async def stats(campaign_id: int, container: Container = Depends(get_container)) -> dict:
    return await container.campaign_service.stats(campaign_id)


@router.get("/{campaign_id}/donations")
async def recent_donations(
    campaign_id: int, before_id: int | None = None, container: Container = Depends(get_container)
) -> list[dict]:
    return await container.donations.recent_for_campaign(campaign_id, before_id)


@router.get("/{campaign_id}/leaderboard")
async def leaderboard(campaign_id: int, container: Container = Depends(get_container)) -> list[dict]:
    return await container.leaderboard.top_donors(campaign_id)


@router.get("/{campaign_id}/share-link")
async def share_link(campaign_id: int, container: Container = Depends(get_container)) -> dict:
    campaign = await container.campaign_service.get(campaign_id)
    async with httpx.AsyncClient(timeout=5.0) as client:
        resp = await client.post(SHORTENER_URL, json={"url": f"https://givehub.example/c/{campaign.id}"})
        resp.raise_for_status()
    return {"url": resp.json()["short_url"]}


@router.post("/{campaign_id}/offline-donations")
async def offline_donation(
    campaign_id: int,
    body: OfflineDonationIn,
    staff: str = Depends(require_staff),
    container: Container = Depends(get_container),
) -> dict:
    raised = await container.campaign_service.record_offline_donation(campaign_id, body.amount_cents)
    return {"raised_cents": raised}


@router.post("/{campaign_id}/{action}")
async def transition(
    campaign_id: int, action: str, staff: str = Depends(require_staff), container: Container = Depends(get_container)
) -> dict:
    return {"status": await container.campaign_service.transition(campaign_id, action)}


@router.put("/{campaign_id}/goal")
async def set_goal(
    campaign_id: int, body: GoalIn, staff: str = Depends(require_staff), container: Container = Depends(get_container)
) -> dict:
    return await container.campaign_service.set_goal(campaign_id, body.goal_cents)


@router.get("/{campaign_id}/daily")
async def daily(campaign_id: int, staff: str = Depends(require_staff), container: Container = Depends(get_container)) -> list[dict]:
    return await container.reports.campaign_daily_totals(campaign_id)
