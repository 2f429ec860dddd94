"""Probes, internal stats and MI report triggers."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request

from svc import __version__
from svc.api.deps import get_reports, require_role
from svc.schemas import DailySummary
from svc.services.reports import ReportService

router = APIRouter()
ReportsDep = Annotated[ReportService, Depends(get_reports)]


@router.get("/livez", include_in_schema=False)
async def liveness() -> dict[str, str]:
    """Liveness: the event loop is serving requests. Dependencies are not checked here."""
    return {"status": "alive"}


@router.get("/readyz", include_in_schema=False)
async def readiness() -> dict[str, str]:
    """Readiness probe used by the load balancer before routing traffic to this replica."""
    return {"status": "ready", "version": __version__}


@router.get("/internal/stats", include_in_schema=False)
async def internal_stats(request: Request) -> dict[str, Any]:
    from svc.main import REQUEST_COUNTS

    feed_stats = await request.app.state.feed.snapshot_stats()
    return {"requests": dict(REQUEST_COUNTS), "dashboard": feed_stats}


@router.post("/reports/claims-export", dependencies=[require_role("mi_analyst")])
async def claims_export(start: date, end: date, reports: ReportsDep) -> dict[str, str]:
    path = await reports.export_claims_csv(start, end)
    return {"path": str(path)}


@router.get("/reports/daily/{day}", response_model=DailySummary, dependencies=[require_role("mi_analyst")])
async def daily_report(day: date, reports: ReportsDep) -> DailySummary:
    return await reports.daily_summary(day)


@router.post("/reports/fraud-pack", dependencies=[require_role("fraud_analyst")])
async def fraud_pack(start: date, end: date, reports: ReportsDep) -> dict[str, Any]:
    return await reports.fraud_review_pack(start, end)


@router.post("/reports/payout-totals", dependencies=[require_role("mi_analyst")])
async def payout_totals(claim_ids: list[int], reports: ReportsDep) -> dict[int, int]:
    return await reports.payout_totals(claim_ids[:500])


@router.get("/policies/wordings/{product_code}", response_model=None)
def policy_wording(product_code: str, request: Request) -> dict[str, str]:
    if not product_code.isalnum():
        raise HTTPException(status_code=404, detail="unknown product")
    path = request.app.state.settings.wording_dir / f"{product_code}.txt"
    with open(path, encoding="utf-8") as fh:
        return {"product_code": product_code, "wording": fh.read()}
