"""Dispatcher HTTP API: plans, live route actions, bin admin."""
from __future__ import annotations

import json
import logging
from datetime import date

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import Conflict, NotFound
from ..repositories.bins import BinRepository
from ..repositories.routes_repo import RouteRepository
from ..schemas import BinPatchIn, MoveStopIn, SkipStopIn
from .deps import get_container, get_session, require_dispatcher

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["dispatch"], dependencies=[Depends(require_dispatcher)])


@router.get("/depots/{depot_id}/plan")
async def get_plan(depot_id: str, service_date: date, container=Depends(get_container)) -> list[dict]:
    return await container.dispatch.plan_for(depot_id, service_date)


@router.get("/routes/{route_id}/eta")
async def route_eta(route_id: int, session: AsyncSession = Depends(get_session), container=Depends(get_container)):
    route = await RouteRepository(session).get(route_id)
    if route is None:
        raise NotFound(f"route {route_id}")
    raw = await container.redis.hget("truck:last_fix", route.truck_id)
    if raw is None:
        raise NotFound(f"no position for truck {route.truck_id}")
    fix = json.loads(raw)
    pending = [s for s in await route.awaitable_attrs.stops if s.lifted_at is None]
    bins = await BinRepository(session).get_many([s.bin_id for s in pending])
    coords = [(bins[s.bin_id].lat, bins[s.bin_id].lon) for s in pending]
    etas = await container.optimiser.eta(fix["lat"], fix["lon"], coords)
    return {"route_id": route_id, "etas": [{"bin_id": s.bin_id, "seconds": e} for s, e in zip(pending, etas)]}


@router.post("/routes/{route_id}/skip")
async def skip_stop(route_id: int, body: SkipStopIn, container=Depends(get_container)) -> dict:
    etas = await container.dispatch.skip_stop(route_id, body.bin_id, body.reason, (body.lat, body.lon))
    return {"route_id": route_id, "etas": etas}


@router.post("/routes/move")
async def move_stop(body: MoveStopIn, container=Depends(get_container)) -> dict:
    await container.dispatch.move_stop(body.from_route, body.to_route, body.bin_id)
    return {"moved": body.bin_id}


@router.get("/bins/search")
async def search_bins(q: str = Query(min_length=3), container=Depends(get_container)) -> list[dict]:
    return await container.bin_lookup.search_address(q)


@router.get("/bins/by-street")
async def bins_by_street(street: str = Query(min_length=3), session: AsyncSession = Depends(get_session)) -> list[dict]:
    rows = await BinRepository(session).search_street(street)
    return [{"id": b.id, "street": b.street, "stream": b.stream} for b in rows]


@router.get("/bins/{bin_id}")
async def get_bin(bin_id: str, session: AsyncSession = Depends(get_session)):
    bin_ = await BinRepository(session).get(bin_id)
    if bin_ is None:
        return JSONResponse({"error": "unknown bin"}, status_code=404)
    return {"id": bin_.id, "address": bin_.address, "stream": bin_.stream, "depot_id": bin_.depot_id}


@router.get("/depots/{depot_id}/streams")
async def depot_streams(depot_id: str, session: AsyncSession = Depends(get_session), container=Depends(get_container)):
    return await container.planning.stream_summary(session, depot_id)


@router.patch("/bins/{bin_id}")
async def patch_bin(bin_id: str, body: BinPatchIn, session: AsyncSession = Depends(get_session),
                    container=Depends(get_container)) -> dict:
    changes = body.model_dump(exclude_unset=True)
    if not changes:
        raise Conflict("nothing to update")
    bin_ = await BinRepository(session).update_fields(bin_id, **changes)
    if bin_ is None:
        raise NotFound(f"bin {bin_id}")
    await session.commit()
    await container.ingest.forget_device(bin_.dev_eui)
    logger.info("bin %s updated: %s", bin_id, sorted(changes))
    return {"id": bin_.id, "updated": sorted(changes)}


@router.get("/trucks/{truck_id}/progress")
async def truck_progress(truck_id: str, service_date: date, container=Depends(get_container)) -> dict:
    return await container.telemetry.route_progress(truck_id, service_date)
