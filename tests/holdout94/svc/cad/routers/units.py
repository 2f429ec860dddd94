from __future__ import annotations

import logging
from datetime import timedelta

from fastapi import APIRouter, Depends, Header, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import current_dispatcher, get_container, get_session
from ..errors import NotFound
from ..models.unit import UNIT_STATUSES
from ..repositories import UnitRepository
from ..schemas import AvlBatch, UnitStatusUpdate
from ..services.auth import Principal
from ..services.container import Container
from ..utils.timeutil import utcnow

router = APIRouter(tags=["units"])
log = logging.getLogger(__name__)


@router.post("/units/{unit_id}/status")
async def set_status(
    unit_id: int,
    body: UnitStatusUpdate,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
    user: Principal = Depends(current_dispatcher),
) -> dict:
    if body.status not in UNIT_STATUSES:
        raise HTTPException(status_code=422, detail=f"unknown status {body.status}")
    unit = await UnitRepository(session).get_by_id(unit_id)
    if unit is None:
        raise HTTPException(status_code=404, detail="unit not found")
    await UnitRepository(session).set_status(unit_id, body.status, utcnow())
    await session.commit()
    await container.bus.publish("unit.status", {"unit": unit_id, "status": body.status, "agency": unit.agency})
    return {"unit": unit.callsign, "status": body.status}


@router.post("/assignments/{assignment_id}/ack")
async def acknowledge(
    assignment_id: int,
    unit_id: int,
    container: Container = Depends(get_container),
    user: Principal = Depends(current_dispatcher),
) -> dict:
    try:
        assignment = await container.assignment.acknowledge(assignment_id, unit_id)
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    return {"assignment": assignment.id, "acknowledged_at": assignment.acknowledged_at}


@router.post("/units/broadcast")
async def broadcast_to_field(
    body: dict,
    container: Container = Depends(get_container),
    user: Principal = Depends(current_dispatcher),
) -> dict:
    text = str(body.get("text", ""))[:500]
    if not text:
        raise HTTPException(status_code=422, detail="empty broadcast")
    sent = await container.mdt_hub.broadcast({"type": "all_call", "from": user.username, "text": text})
    log.info("all-call from %s delivered to %d MDTs", user.username, sent)
    return {"delivered": sent}


@router.get("/units/{unit_id}/track")
async def track(
    unit_id: int,
    minutes: int = 30,
    container: Container = Depends(get_container),
    user: Principal = Depends(current_dispatcher),
) -> list:
    since = utcnow() - timedelta(minutes=min(minutes, 240))
    rows = await container.avl_repo.track(unit_id, since)
    return [dict(r) for r in rows]


@router.get("/avl/map")
async def avl_map(container: Container = Depends(get_container), user: Principal = Depends(current_dispatcher)) -> dict:
    return await container.avl.positions_for_map()


@router.post("/avl/batch", status_code=202)
async def avl_batch(
    batch: AvlBatch,
    x_avl_key: str = Header(default=""),
    container: Container = Depends(get_container),
) -> dict:
    if x_avl_key != container.settings.telephony_secret:
        raise HTTPException(status_code=401, detail="bad AVL gateway key")
    accepted = await container.avl.ingest([p.model_dump(mode="json") for p in batch.points])
    return {"accepted": accepted}
