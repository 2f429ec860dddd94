from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession

from fleetwise.cache.keys import VESSEL_TTL, vessel_key
from fleetwise.db.engine import get_session
from fleetwise.deps import ops_user, position_service
from fleetwise.repositories.positions import PositionRepository
from fleetwise.repositories.vessels import VesselRepository
from fleetwise.services.positions import PositionService
from fleetwise.utils.timeutil import utcnow

router = APIRouter(prefix="/vessels", tags=["vessels"], dependencies=[Depends(ops_user)])


@router.get("/search")
async def search(q: str = Query(min_length=2), session: AsyncSession = Depends(get_session)) -> list[dict]:
    rows = await VesselRepository(session).search(q)
    return [{"id": v.id, "imo": v.imo, "name": v.name} for v in rows]


@router.get("/by-prefix")
async def by_prefix(prefix: str = Query(min_length=1), session: AsyncSession = Depends(get_session)) -> list[dict]:
    rows = await VesselRepository(session).by_name_prefix(prefix)
    return [{"id": v.id, "imo": v.imo, "name": v.name} for v in rows]


@router.get("/{vessel_id}")
async def get_vessel(vessel_id: int, request: Request, session: AsyncSession = Depends(get_session)) -> dict:
    cache = request.app.state.redis
    cached = await cache.get(vessel_key(vessel_id))
    if cached:
        return json.loads(cached)
    vessel = await VesselRepository(session).get(vessel_id)
    if vessel is None:
        raise HTTPException(404, "vessel not found")
    body = {"id": vessel.id, "imo": vessel.imo, "mmsi": vessel.mmsi, "name": vessel.name,
            "type": vessel.vessel_type, "dwt": vessel.dwt}
    await cache.set(vessel_key(vessel_id), json.dumps(body), ex=VESSEL_TTL)
    return body


@router.get("/{vessel_id}/track")
async def track(vessel_id: int, request: Request, hours: int = Query(24, ge=1, le=168)) -> dict:
    until = utcnow()
    rows = await PositionRepository(request.app.state.pg).track(vessel_id, until - timedelta(hours=hours), until)
    points = copy.deepcopy([dict(r) for r in rows])
    return {"vessel_id": vessel_id, "points": [
        {"ts": p["ts"].isoformat(), "lat": p["lat"], "lon": p["lon"], "sog": p["sog_kn"]} for p in points
    ]}


@router.get("/by-mmsi/{mmsi}/position")
async def where_is(mmsi: str, service: PositionService = Depends(position_service)) -> dict:
    found = await service.where_is(mmsi)
    if found is None:
        raise HTTPException(404, "no position for this MMSI")
    ts: datetime = found["ts"]
    return {**found, "ts": ts.isoformat()}
