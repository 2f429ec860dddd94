"""Stop arrivals and nearby stops."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query

from transit.container import Container, container
from transit.utils.geo import Point

router = APIRouter(prefix="/v1/stops", tags=["arrivals"])


@router.get("/search")
async def search_stops(q: str = Query(..., min_length=2, max_length=64), c: Container = Depends(container)) -> list[dict[str, Any]]:
    return [dict(r) for r in await c.stops.search_prefix(q)]


@router.get("/nearby")
async def nearby_stops(
    lat: float = Query(..., ge=-90, le=90),
    lon: float = Query(..., ge=-180, le=180),
    radius_m: float = Query(400, gt=0, le=2000),
    c: Container = Depends(container),
) -> list[dict[str, Any]]:
    return await c.predictions.nearby(Point(lat, lon), radius_m)


@router.get("/{stop_id}/arrivals")
async def stop_arrivals(stop_id: str, c: Container = Depends(container)) -> dict[str, Any]:
    arrivals = await c.predictions.arrivals_for_stop(stop_id)
    return {"stop_id": stop_id, "arrivals": arrivals}


@router.get("/arrivals")
async def many_arrivals(ids: str = Query(..., description="comma separated stop ids"), c: Container = Depends(container)) -> dict[str, Any]:
    stop_ids = [s for s in ids.split(",") if s][:25]
    if not stop_ids:
        raise HTTPException(400, "no stop ids")
    return await c.predictions.arrivals_for_stops(stop_ids)


@router.get("/{stop_id}/vehicles/{route_id}")
async def approaching(stop_id: str, route_id: str, c: Container = Depends(container)) -> list[dict[str, Any]]:
    return await c.predictions.vehicles_near_stop(stop_id, route_id)
