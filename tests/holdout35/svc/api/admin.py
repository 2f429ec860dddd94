"""Back-office endpoints for the operations and finance teams."""
from __future__ import annotations

import logging
from datetime import datetime

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import PlainTextResponse
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import Principal, require_role
from svc.db.engine import get_session
from svc.db.models import DriverStatus
from svc.repositories.driver_repo import DriverRepository
from svc.repositories.payout_repo import PayoutRepository
from svc.repositories.trip_repo import TripRepository
from svc.services.reporting import ReportingService
from svc.services.surge import SurgeHistory

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/admin", tags=["admin"])

admin_only = require_role("admin")


@router.get("/trips/search")
async def search_trips(
    q: str,
    _: Principal = Depends(admin_only),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    if len(q) < 3:
        raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY, detail="query too short")
    trips = await TripRepository(session).search_by_address(q)
    return [{"trip_id": t.id, "address": t.pickup_address, "status": t.status.value} for t in trips]


@router.get("/reports/zone-revenue", response_class=PlainTextResponse)
async def zone_revenue(
    start: datetime,
    end: datetime,
    _: Principal = Depends(admin_only),
    session: AsyncSession = Depends(get_session),
) -> str:
    return await ReportingService(TripRepository(session)).zone_revenue_csv(start, end)


@router.get("/reports/driver-hours", response_class=PlainTextResponse)
async def driver_hours(
    start: datetime,
    end: datetime,
    _: Principal = Depends(admin_only),
    session: AsyncSession = Depends(get_session),
) -> str:
    return await ReportingService(TripRepository(session)).driver_hours_csv(start, end)


@router.get("/payouts/by-reference/{reference}")
async def payouts_by_reference(reference: str, request: Request, _: Principal = Depends(admin_only)) -> list[dict]:
    rows = await PayoutRepository(request.app.state.pg_pool).payouts_by_bank_reference(reference)
    return [dict(r) for r in rows]


@router.post("/drivers/{driver_id}/suspend")
async def suspend_driver(
    driver_id: int,
    request: Request,
    _: Principal = Depends(admin_only),
    session: AsyncSession = Depends(get_session),
) -> dict:
    repo = DriverRepository(session)
    driver = await repo.get(driver_id)
    if driver is None:
        return {"error": "driver not found"}
    await repo.set_status(driver_id, DriverStatus.SUSPENDED)
    await session.commit()
    await request.app.state.locations.remove([driver_id])
    request.app.state.hub.notify_driver_later(driver_id, {"type": "account_suspended"})
    request.app.state.driver_cache.invalidate(driver_id)
    return {"driver_id": driver_id, "status": "suspended"}


@router.post("/surge/{zone}/override")
async def override_surge(zone: str, multiplier: str, request: Request, _: Principal = Depends(admin_only)) -> dict:
    try:
        value = round(float(multiplier), 2)
    except:
        value = 1.0
    await request.app.state.redis.set(f"surge:{zone}", f"{value:.2f}", ex=900)
    return {"zone": zone, "multiplier": value}


@router.get("/surge/{zone}/history")
async def surge_history(
    zone: str,
    request: Request,
    before: datetime | None = None,
    limit: int = 100,
    _: Principal = Depends(admin_only),
) -> list[dict]:
    limit = max(1, min(limit, 500))
    return await SurgeHistory(request.app.state.pg_pool).page(zone, before, limit)
