from __future__ import annotations

import re
from datetime import date, timedelta

from fastapi import APIRouter, Depends, HTTPException, Query

from ..deps import TenantContext, current_tenant, get_container
from ..services.container import Container

router = APIRouter(prefix="/v1/costs", tags=["costs"])

MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@router.get("/today")
async def today_summary(
    currency: str = Query(default="USD", min_length=3, max_length=3),
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> dict:
    return await container.dashboard.day_summary(tenant.id, date.today(), currency.upper())


@router.get("/range")
async def range_totals(
    start: date,
    end: date,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> dict:
    if not start < end <= start + timedelta(days=366):
        raise HTTPException(status_code=422, detail="range must be 1-366 days")
    totals = await container.dashboard.range_totals(tenant.id, start, end)
    accounts = await container.accounts.get_many(totals.keys())
    return {accounts[a].display_name if a in accounts else str(a): str(total) for a, total in totals.items()}


@router.get("/monthly/{month}")
async def monthly_total(
    month: str,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> dict:
    if not MONTH_RE.match(month):
        raise HTTPException(status_code=422, detail="month must be YYYY-MM")
    total = await container.costs.monthly_total(tenant.id, month)
    return {"month": month, "total": str(total)}


@router.get("/resources/search")
async def search_resources(
    q: str = Query(min_length=3, max_length=100),
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> list[dict]:
    rows = await container.costs.search_resources(tenant.id, q)
    return [dict(row) for row in rows]


@router.get("/resources/{resource_id:path}/history")
async def resource_history(
    resource_id: str,
    days: int = Query(default=30, ge=1, le=180),
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> list[dict]:
    items = await container.costs.history_for_resource(tenant.id, resource_id, date.today() - timedelta(days=days))
    return [{"day": i.usage_date.isoformat(), "sku": i.sku, "cost": str(i.cost)} for i in items]


@router.get("/forecast")
async def forecast(
    horizon: int = Query(default=30, ge=7, le=90),
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> dict:
    points = await container.dashboard.forecast(tenant.id, horizon)
    return {"horizon": horizon, "points": points}
