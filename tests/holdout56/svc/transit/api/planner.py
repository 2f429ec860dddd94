"""Trip planner endpoint."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from transit.auth import current_rider
from transit.clients.routing_engine import PlanRequest, RoutingEngineError
from transit.container import Container, container
from transit.services.trip_planner import PlanRateLimited
from transit.utils.timeutil import utcnow

router = APIRouter(prefix="/v1/plan", tags=["planner"])


class PlanBody(BaseModel):
    origin: str | None = None
    destination: str | None = None
    from_lat: float | None = None
    from_lon: float | None = None
    to_lat: float | None = None
    to_lon: float | None = None
    depart_at: datetime | None = None
    wheelchair: bool = False
    max_walk_m: int = Field(800, ge=100, le=3000)


async def _coords(c: Container, text: str | None, lat: float | None, lon: float | None) -> tuple[float, float]:
    if lat is not None and lon is not None:
        return lat, lon
    if not text:
        raise HTTPException(422, "either coordinates or a place name are required")
    resolved = await c.planner.resolve(text)
    if resolved is None:
        raise HTTPException(404, f"could not find {text!r}")
    return resolved


@router.post("")
async def plan_trip(body: PlanBody, rider_id: int = Depends(current_rider), c: Container = Depends(container)) -> dict[str, Any]:
    from_lat, from_lon = await _coords(c, body.origin, body.from_lat, body.from_lon)
    to_lat, to_lon = await _coords(c, body.destination, body.to_lat, body.to_lon)
    req = PlanRequest(from_lat, from_lon, to_lat, to_lon, body.depart_at or utcnow(), body.wheelchair, body.max_walk_m)
    try:
        return await c.planner.plan(rider_id, req)
    except PlanRateLimited:
        raise HTTPException(429, "too many plan requests, slow down")
    except RoutingEngineError as exc:
        raise HTTPException(502, "trip planner temporarily unavailable") from exc
