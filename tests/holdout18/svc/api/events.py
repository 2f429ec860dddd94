"""Public catalogue: events, seat maps, quotes, cart."""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import asyncpg
from fastapi import APIRouter, Depends, HTTPException, Query, Response
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api import deps
from svc.config import settings
from svc.db.session import get_session
from svc.repos import orders as orders_repo
from svc.repos.events import EventRepository
from svc.services.events import EventService
from svc.services.pricing import PriceCalculator
from svc.services.seatmap import SeatMapService

router = APIRouter(tags=["events"], dependencies=[Depends(deps.api_rate_limit)])


@router.get("/events")
async def list_events(limit: int = Query(50, le=200), service: EventService = Depends(deps.event_service)) -> list[dict]:
    return [asdict(card) for card in await service.upcoming(limit)]


@router.get("/events/search")
async def search_events(q: str = Query(..., min_length=2), service: EventService = Depends(deps.event_service)) -> list[dict]:
    return [asdict(card) for card in await service.search(q)]


@router.get("/events/{event_id}/seatmap")
async def seat_map(
    event_id: int,
    session: AsyncSession = Depends(get_session),
    seatmaps: SeatMapService = Depends(deps.seatmap),
) -> dict[str, Any]:
    event = await EventRepository(session).get(event_id)
    return await seatmaps.seat_map(event.id, event.venue_id)


@router.get("/events/{event_id}/seatmap.svg")
async def seat_map_svg(
    event_id: int,
    v: int = Query(0, ge=0),
    session: AsyncSession = Depends(get_session),
    seatmaps: SeatMapService = Depends(deps.seatmap),
) -> Response:
    event = await EventRepository(session).get(event_id)
    body = await seatmaps.svg(event.id, event.venue_id, v)
    return Response(body, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=30"})


@router.get("/venues/{venue_id}/floorplan")
def venue_floorplan(venue_id: int) -> Response:
    path = Path(settings.assets_dir) / "floorplans" / f"{venue_id}.svg"
    if not path.is_file():
        raise HTTPException(404, "no floor plan for this venue")
    return Response(path.read_bytes(), media_type="image/svg+xml")


@router.get("/events/{event_id}/quote")
async def quote(
    event_id: int,
    tier: str = Query("standard"),
    quantity: int = Query(1, ge=1, le=8),
    calculator: PriceCalculator = Depends(deps.price_calculator),
) -> dict[str, Any]:
    q = await calculator.quote(event_id, {tier: quantity})
    return {"event_id": event_id, "fees": str(q.fees), "total": str(q.total)}


@router.get("/cart")
async def cart(
    session_id: str = Depends(deps.buyer_session), service: EventService = Depends(deps.event_service)
) -> dict[str, Any]:
    return await service.cart(session_id)


@router.get("/admin/events/{event_id}/orders", dependencies=[Depends(deps.admin_guard)])
async def event_orders(event_id: int, pool: asyncpg.Pool = Depends(deps.pool)) -> list[dict[str, Any]]:
    async with pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
        rows = await orders_repo.orders_for_event(conn, event_id)
    return [dict(r) for r in rows]
