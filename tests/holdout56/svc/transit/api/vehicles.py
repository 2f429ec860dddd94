"""Vehicle positions REST endpoints."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query

from transit.container import Container, container
from transit.utils.timeutil import utcnow

router = APIRouter(prefix="/v1/vehicles", tags=["vehicles"])


@router.get("/routes/{route_id}")
async def vehicles_on_route(route_id: str, c: Container = Depends(container)) -> dict[str, Any]:
    vehicles = await c.snapshots.load(route_id)
    return {"route_id": route_id, "vehicles": vehicles, "source": "live"}


@router.get("/routes/{route_id}/recent")
async def recent_on_route(route_id: str, c: Container = Depends(container)) -> dict[str, Any]:
    rows = await c.positions.latest_for_route(route_id, limit=50)
    return {"route_id": route_id, "vehicles": [dict(r) for r in rows]}


@router.get("/{vehicle_id}/track")
async def vehicle_track(
    vehicle_id: str,
    minutes: int = Query(30, ge=1, le=240),
    c: Container = Depends(container),
) -> dict[str, Any]:
    end = utcnow()
    rows = await c.positions.track(vehicle_id, end - timedelta(minutes=minutes), end)
    if not rows:
        raise HTTPException(404, "no positions for vehicle in window")
    return {"vehicle_id": vehicle_id, "points": [[r["lat"], r["lon"], r["recorded_at"].isoformat()] for r in rows]}


@router.get("/routes/{route_id}/history")
async def route_history(
    route_id: str,
    page: int = Query(0, ge=0),
    before: datetime | None = None,
    c: Container = Depends(container),
) -> dict[str, Any]:
    if before is not None:
        rows = await c.history.page_for_route_before(route_id, before)
    else:
        rows = await c.history.page_for_route(route_id, page)
    return {"route_id": route_id, "positions": [dict(r) for r in rows]}
