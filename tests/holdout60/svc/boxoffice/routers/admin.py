from __future__ import annotations

import json
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from pydantic import BaseModel
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from ..config import get_settings
from ..models import Order
from ..repositories.catalog import VenueRepository
from ..security import Principal, require_admin
from ..services.refunds import RefundService
from .deps import db_session, refund_service
from .live import device_sessions

router = APIRouter(prefix="/admin", tags=["admin"])

FEATURES: dict[str, bool] = {"resale": True, "waitlist": True, "sms_delivery": True}


class FeatureToggle(BaseModel):
    name: str
    enabled: bool


@router.get("/features")
async def features(_: Principal = Depends(require_admin)) -> dict[str, bool]:
    return dict(FEATURES)


@router.put("/features")
async def toggle_feature(body: FeatureToggle, _: Principal = Depends(require_admin)) -> dict[str, bool]:
    FEATURES[body.name] = body.enabled
    return dict(FEATURES)


@router.get("/reports/sales")
async def sales_report(day: date, _: Principal = Depends(require_admin)) -> list[dict[str, Any]]:
    engine = create_async_engine(get_settings().database_url)
    async with engine.connect() as conn:
        result = await conn.execute(
            text(
                """
                SELECT event_id, count(*) AS orders, sum(total_cents) AS gross
                  FROM orders
                 WHERE status = 'paid' AND created_at >= :day AND created_at < :day + interval '1 day'
                 GROUP BY event_id
                 ORDER BY gross DESC
                """
            ),
            {"day": day},
        )
        return [dict(row._mapping) for row in result]


@router.post("/events/{event_id}/cancel")
async def cancel_event(
    event_id: int,
    _: Principal = Depends(require_admin),
    session: AsyncSession = Depends(db_session),
    refunds: RefundService = Depends(refund_service),
) -> dict[str, int]:
    result = await session.execute(select(Order.id).where(Order.event_id == event_id, Order.status == "paid"))
    refunded, failed = await refunds.cancel_event(event_id, list(result.scalars()))
    return {"refunded": refunded, "failed": failed}


@router.get("/scanners")
async def scanners(_: Principal = Depends(require_admin)) -> dict[str, dict[str, Any]]:
    return device_sessions()


@router.post("/events/{event_id}/refresh")
async def refresh_event(event_id: int, request: Request, _: Principal = Depends(require_admin)) -> dict[str, Any]:
    detail = await request.app.state.event_service.refresh(event_id)
    return {"refreshed": detail is not None}


venues_router = APIRouter(prefix="/venues", tags=["venues"])


@venues_router.get("/{venue_id}")
async def venue(venue_id: int, session: AsyncSession = Depends(db_session)) -> dict:
    repo = VenueRepository(session)
    found = await repo.get(venue_id)
    if found is None:
        raise HTTPException(status_code=404, detail="venue not found")
    sections = await repo.sections(venue_id)
    return {
        "id": found.id,
        "name": found.name,
        "city": found.city,
        "sections": [{"id": s.id, "name": s.name, "tier": s.price_tier} for s in sections],
    }


@venues_router.put("/{venue_id}/layout")
async def upload_layout(
    venue_id: int,
    request: Request,
    layout: UploadFile = File(...),
    svg: UploadFile = File(...),
    _: Principal = Depends(require_admin),
    session: AsyncSession = Depends(db_session),
) -> dict:
    try:
        parsed = json.loads(await layout.read())
    except json.JSONDecodeError as exc:
        raise HTTPException(status_code=422, detail=f"layout is not valid JSON: {exc.msg}") from exc
    if "sections" not in parsed:
        raise HTTPException(status_code=422, detail="layout has no sections")
    filename = await request.app.state.seatmap.import_layout(venue_id, parsed, await svg.read())
    await VenueRepository(session).set_layout_file(venue_id, filename)
    return {"venue_id": venue_id, "layout_file": filename}
