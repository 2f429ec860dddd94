"""Branches, availability search and quotes."""
from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime
from pathlib import Path

import redis.asyncio as aioredis
import requests
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from ...db import get_session
from ...repositories import BranchRepository
from ...services.availability import AvailabilityService
from ...services.errors import NoAvailability, UnknownBranch
from ...services.quotes import QuoteService
from ...settings import get_settings
from ...utils.geo import haversine_km
from ..deps import availability_service, get_redis, quote_service
from ..schemas import QuoteRequest

logger = logging.getLogger(__name__)
router = APIRouter(tags=["search"])

DEFAULT_CENTROID = (38.7223, -9.1393)
BRANCH_LIST_TTL = 300


@router.get("/branches")
async def list_branches(
    session: AsyncSession = Depends(get_session), redis: aioredis.Redis = Depends(get_redis)
) -> list[dict]:
    cached = await redis.get("branches:all")
    if cached:
        return json.loads(cached)
    branches = [
        {"id": b.id, "name": b.name, "country": b.country, "lat": b.lat, "lon": b.lon}
        for b in await BranchRepository(session).list_all()
    ]
    await redis.set("branches:all", json.dumps(branches), ex=BRANCH_LIST_TTL)
    return branches


@router.get("/branches/nearest")
async def nearest_branches(
    request: Request, address: str = Query(min_length=3), session: AsyncSession = Depends(get_session)
) -> list[dict]:
    geocoder = request.app.state.geocoder
    try:
        lat, lon = await asyncio.to_thread(geocoder.lookup, address)
    except (LookupError, requests.RequestException):
        logger.warning("geocoding failed for %r; ranking from the default centroid", address)
        lat, lon = DEFAULT_CENTROID
    branches = await BranchRepository(session).list_all()
    ranked = sorted(branches, key=lambda b: haversine_km(lat, lon, b.lat, b.lon))[:5]
    return [{"id": b.id, "name": b.name, "km": round(haversine_km(lat, lon, b.lat, b.lon), 1)} for b in ranked]


@router.get("/branches/{branch_id}/hours.csv")
def branch_hours_csv(branch_id: str) -> Response:
    path = Path(get_settings().branch_hours_dir) / f"{branch_id}.csv"
    if not path.is_file():
        raise HTTPException(status_code=404, detail="no published hours for this branch")
    return Response(path.read_text(encoding="utf-8"), media_type="text/csv")


@router.get("/availability")
async def availability(
    branch_id: str,
    vehicle_class: str,
    starts_at: datetime,
    ends_at: datetime,
    service: AvailabilityService = Depends(availability_service),
) -> dict:
    if ends_at <= starts_at:
        raise HTTPException(status_code=422, detail="ends_at must be after starts_at")
    vehicles = await service.search(branch_id, vehicle_class, starts_at, ends_at)
    return {"count": len(vehicles), "vehicles": vehicles}


@router.post("/quotes")
async def create_quote(body: QuoteRequest, quotes: QuoteService = Depends(quote_service)):
    try:
        return await quotes.quote(
            pickup_branch_id=body.pickup_branch_id,
            return_branch_id=body.return_branch_id,
            vehicle_class=body.vehicle_class,
            starts_at=body.starts_at,
            ends_at=body.ends_at,
        )
    except (NoAvailability, UnknownBranch) as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    except Exception as exc:
        return JSONResponse({"detail": str(exc)}, status_code=400)
