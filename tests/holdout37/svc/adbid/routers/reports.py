from __future__ import annotations

import logging
from datetime import date

import asyncpg
from fastapi import APIRouter, Depends, HTTPException, Query, status

from adbid.auth import current_advertiser
from adbid.db.models import Advertiser
from adbid.deps import get_report_worker, get_reporting
from adbid.schemas import ReportRequest
from adbid.services.reporting import ReportingService
from adbid.utils.primitives import from_micros
from adbid.workers.report_worker import ExportJob, ReportWorker

log = logging.getLogger(__name__)

router = APIRouter(prefix="/v1/reports", tags=["reports"])

MAX_RANGE_DAYS = 93


async def _owned(reporting: ReportingService, advertiser: Advertiser, campaign_id: int) -> None:
    if not await reporting.ensure_owned(advertiser, campaign_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "campaign not found")


def _check_range(start: date, end: date) -> None:
    if end < start:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "end before start")
    if (end - start).days > MAX_RANGE_DAYS:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, f"range limited to {MAX_RANGE_DAYS} days")


@router.get("/summary")
async def summary(
    start: date = Query(...),
    end: date = Query(...),
    advertiser: Advertiser = Depends(current_advertiser),
    reporting: ReportingService = Depends(get_reporting),
) -> dict:
    _check_range(start, end)
    try:
        return await reporting.summary(advertiser, start, end)
    except (asyncpg.PostgresError, OSError):
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "reporting temporarily unavailable")


@router.get("/breakdown")
async def breakdown(
    start: date = Query(...),
    end: date = Query(...),
    advertiser: Advertiser = Depends(current_advertiser),
    reporting: ReportingService = Depends(get_reporting),
) -> list[dict]:
    _check_range(start, end)
    return await reporting.breakdown(advertiser, start, end)


@router.get("/campaigns/{campaign_id}/hourly")
async def hourly(
    campaign_id: int,
    start: date = Query(...),
    end: date = Query(...),
    advertiser: Advertiser = Depends(current_advertiser),
    reporting: ReportingService = Depends(get_reporting),
) -> list[dict]:
    _check_range(start, end)
    await _owned(reporting, advertiser, campaign_id)
    return await reporting.hourly_curve(campaign_id, start, end)


@router.get("/campaigns/{campaign_id}/creatives")
async def creatives(
    campaign_id: int,
    start: date = Query(...),
    end: date = Query(...),
    advertiser: Advertiser = Depends(current_advertiser),
    reporting: ReportingService = Depends(get_reporting),
) -> list[dict]:
    _check_range(start, end)
    await _owned(reporting, advertiser, campaign_id)
    rows = await reporting.creative_breakdown(campaign_id, start, end)
    total_spend = sum(r["spend"] for r in rows) or 1
    for row in rows:
        row["spend_share"] = round(row["spend"] / total_spend, 4)
        row["spend"] = str(from_micros(int(row["spend"])))
    return rows


@router.get("/campaigns/{campaign_id}/attribution")
async def attribution(
    campaign_id: int,
    start: date = Query(...),
    end: date = Query(...),
    advertiser: Advertiser = Depends(current_advertiser),
    reporting: ReportingService = Depends(get_reporting),
) -> list[dict]:
    _check_range(start, end)
    await _owned(reporting, advertiser, campaign_id)
    return await reporting.click_attribution(campaign_id, start, end)


@router.post("/exports", status_code=status.HTTP_202_ACCEPTED)
async def export(
    body: ReportRequest,
    advertiser: Advertiser = Depends(current_advertiser),
    worker: ReportWorker = Depends(get_report_worker),
    reporting: ReportingService = Depends(get_reporting),
) -> dict:
    _check_range(body.start, body.end)
    requested = body.campaign_ids or []
    if len(await reporting.owned_subset(advertiser, requested)) != len(set(requested)):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "campaign not found")
    job = ExportJob(advertiser.id, body.campaign_ids or [], body.start, body.end)
    return {"job_id": worker.submit(job)}


@router.get("/exports/{job_id}")
async def export_status(job_id: str, worker: ReportWorker = Depends(get_report_worker)) -> dict:
    state = worker.status(job_id)
    if state is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown export")
    return {"job_id": job_id, "status": state}
