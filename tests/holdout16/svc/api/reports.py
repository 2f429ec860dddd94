"""Reporting API over aggregated stats and raw events."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Campaign, DailyStat
from svc.deps import CurrentKey, ReportingSvc, get_reporting_session
from svc.schemas import ExportJob

router = APIRouter(prefix="/v1/reports", tags=["reports"])

CampaignIds = Annotated[list[int], Query(max_length=1000)]
PageSize = Annotated[int, Query(ge=1, le=1000)]


@router.get("/summary")
async def summary(
    day_from: date, day_to: date, key: CurrentKey, service: ReportingSvc, campaign_ids: CampaignIds
) -> list[dict[str, Any]]:
    return await service.summary(campaign_ids, day_from, day_to)


@router.get("/pivot")
async def pivot(
    day_from: date, day_to: date, key: CurrentKey, service: ReportingSvc, campaign_ids: CampaignIds
) -> dict[str, Any]:
    return await service.pivot(campaign_ids, day_from, day_to)


@router.get("/attribution/{campaign_id}")
async def attribution(
    campaign_id: int, start: datetime, end: datetime, key: CurrentKey, service: ReportingSvc
) -> dict[str, int]:
    return await service.attribution(campaign_id, start, end)


@router.get("/clicks/{campaign_id}")
async def clicks(
    campaign_id: int, request: Request, key: CurrentKey, page: int = Query(0, ge=0), page_size: PageSize = 100
) -> list[dict[str, Any]]:
    rows = await request.app.state.reports_repo.clicks_page(campaign_id, page, page_size)
    return [dict(row) for row in rows]


@router.get("/impressions/{campaign_id}")
async def impressions(
    campaign_id: int, after_ts: datetime, request: Request, key: CurrentKey, after_id: int = 0, limit: PageSize = 500
) -> list[dict[str, Any]]:
    rows = await request.app.state.reports_repo.impressions_after(campaign_id, after_ts, after_id, limit)
    return [dict(row) for row in rows]


@router.get("/creatives/{creative_id}/impressions")
async def creative_impressions(
    creative_id: int, since: datetime, request: Request, key: CurrentKey
) -> list[dict[str, Any]]:
    rows = await request.app.state.event_repo.impressions_for_creative(creative_id, since)
    return [dict(row) for row in rows]


@router.post("/exports/{campaign_id}", response_model=ExportJob, status_code=status.HTTP_202_ACCEPTED)
async def start_export(campaign_id: int, key: CurrentKey, service: ReportingSvc) -> ExportJob:
    return await service.start_export(key.advertiser_id, campaign_id)


@router.get("/exports/{job_id}/status", response_model=ExportJob)
async def export_status(job_id: str, key: CurrentKey, service: ReportingSvc) -> ExportJob:
    job = service.job_status(job_id)
    if job is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="export not found")
    return job


@router.get("/advertisers/spend")
async def advertiser_spend(
    day_from: date, day_to: date, key: CurrentKey, session: AsyncSession = Depends(get_reporting_session)
) -> dict[str, str]:
    stmt = (
        select(func.coalesce(func.sum(DailyStat.spend), 0))
        .join(Campaign, Campaign.id == DailyStat.campaign_id)
        .where(Campaign.advertiser_id == key.advertiser_id, DailyStat.day.between(day_from, day_to))
    )
    total = await session.scalar(stmt)
    return {"advertiser_id": str(key.advertiser_id), "spend": str(total)}


@router.post("/billing/invoices/{invoice_id}/void")
async def void_invoice(
    invoice_id: str, request: Request, key: CurrentKey, reason: str = Query(..., max_length=200)
) -> dict[str, str]:
    receipt = await request.app.state.billing.void_invoice(invoice_id, reason)
    return {"invoice_id": invoice_id, "receipt": receipt}
