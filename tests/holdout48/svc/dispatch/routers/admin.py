from __future__ import annotations

import logging
from datetime import date, datetime, timedelta, timezone

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from dispatch.db.engine import get_session
from dispatch.db.models import Promotion
from dispatch.deps import Principal, current_admin
from dispatch.repositories.drivers import DriverRepository
from dispatch.repositories.trips import TripRepository

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/admin", tags=["admin"])


@router.get("/reports/weekly")
async def weekly(request: Request, _: Principal = Depends(current_admin)) -> dict:
    return await request.app.state.reporting.weekly_summary(datetime.now(timezone.utc))


@router.get("/reports/surge-histogram")
async def surge_histogram(request: Request, days: int = Query(7, ge=1, le=90), _: Principal = Depends(current_admin)):
    end = datetime.now(timezone.utc)
    return await request.app.state.reporting.surge_histogram(end - timedelta(days=days), end)


@router.get("/reports/drivers/daily")
async def daily_drivers(
    day: date, request: Request, _: Principal = Depends(current_admin), session: AsyncSession = Depends(get_session)
):
    return await request.app.state.reporting.daily_driver_table(session, day)


@router.get("/reports/drivers/top")
async def top_drivers(request: Request, days: int = Query(30, ge=1, le=365), _: Principal = Depends(current_admin)):
    end = datetime.now(timezone.utc)
    return await request.app.state.reporting.top_drivers(end - timedelta(days=days), end)


@router.get("/trips/search")
async def search_trips(request: Request, q: str = Query(min_length=3), _: Principal = Depends(current_admin)):
    rows = await request.app.state.report_repo.search_by_address(q)
    return [dict(r) for r in rows]


@router.post("/exports/{year}/{month}")
async def export_month(year: int, month: int, request: Request, _: Principal = Depends(current_admin)) -> dict:
    if not 1 <= month <= 12:
        raise HTTPException(422, "month must be 1-12")
    path = await request.app.state.reporting.export_month(year, month)
    return {"path": path}


@router.post("/zones/reload")
async def reload_zones(request: Request, path: str | None = None, _: Principal = Depends(current_admin)) -> dict:
    count = await request.app.state.geo.reload_from(path or request.app.state.settings.zones_file)
    return {"zones": count}


@router.get("/replica-db-check")
async def replica_db_check(dsn: str, _: Principal = Depends(current_admin)) -> dict:
    engine = create_async_engine(dsn, pool_size=1)
    try:
        async with engine.connect() as conn:
            version = (await conn.exec_driver_sql("select version()")).scalar_one()
    finally:
        await engine.dispose()
    return {"version": version}


@router.get("/drivers/{city}")
async def drivers_in_city(city: str, _: Principal = Depends(current_admin), session: AsyncSession = Depends(get_session)):
    pairs = await DriverRepository(session).with_vehicles(city)
    return [
        {"id": d.id, "name": d.name, "plate": v.plate if v else None, "balance_cents": d.balance_cents}
        for d, v in pairs
    ]


class PromotionIn(BaseModel):
    code: str = Field(min_length=3, max_length=32)
    discount_pct: int = Field(ge=1, le=100)
    max_uses: int = Field(ge=1)


@router.post("/promotions", status_code=201)
async def create_promotion(
    body: PromotionIn, _: Principal = Depends(current_admin), session: AsyncSession = Depends(get_session)
) -> dict:
    session.add(Promotion(code=body.code.upper(), discount_pct=body.discount_pct, max_uses=body.max_uses))
    try:
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise HTTPException(409, "promotion code already exists") from exc
    return {"code": body.code.upper()}


class BalanceAdjustment(BaseModel):
    amount_cents: int
    reason: str = Field(min_length=5, max_length=200)


@router.post("/drivers/{driver_id}/balance-adjustments", status_code=204)
async def adjust_balance(
    driver_id: int, body: BalanceAdjustment, admin: Principal = Depends(current_admin),
    session: AsyncSession = Depends(get_session),
) -> None:
    repo = DriverRepository(session)
    logger.info("admin %s adjusting driver %s balance by %d: %s", admin.id, driver_id, body.amount_cents, body.reason)
    if await repo.get(driver_id) is None:
        raise HTTPException(404, "driver not found")
    await repo.credit(driver_id, body.amount_cents)


@router.get("/live/{city}")
async def live_status(
    city: str, request: Request, _: Principal = Depends(current_admin), session: AsyncSession = Depends(get_session)
) -> dict:
    counts = await TripRepository(session).open_counts(city)
    online = await request.app.state.redis.scard(f"drivers:online:{city}")
    busy = await request.app.state.redis.scard(f"drivers:busy:{city}")
    surge = await request.app.state.redis.hgetall(f"surge:{city}")
    return {
        "trips": counts,
        "drivers": {"online": online, "busy": busy, "connected_here": request.app.state.connections.connected_count()},
        "surge": {zone: float(m) for zone, m in surge.items()},
    }
