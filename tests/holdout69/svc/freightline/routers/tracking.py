"""Position ingestion endpoints used by telematics providers and the driver app."""
from __future__ import annotations

import gzip
import json
import logging
from datetime import datetime

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status

from freightline.config import get_settings
from freightline.deps import Principal, require, services, verify_device_signature
from freightline.schemas import PositionIn
from freightline.utils.geo import Fix, parse_eld_record

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/tracking", tags=["tracking"])

MAX_ELD_BATCH_BYTES = 64 * 1024 * 1024


@router.post("/positions", status_code=status.HTTP_202_ACCEPTED)
async def post_positions(
    positions: list[PositionIn],
    principal: Principal = Depends(require("device")),
    svc=Depends(services),
) -> dict:
    fixes = [
        Fix(
            truck_id=p.truck_id,
            lat=p.lat,
            lon=p.lon,
            recorded_at=p.recorded_at,
            speed_mph=p.speed_mph,
            source=p.source,
        )
        for p in positions[:500]
    ]
    stored = await svc.tracking.ingest(fixes)
    return {"stored": stored}


@router.post("/eld/batch", status_code=status.HTTP_202_ACCEPTED)
async def post_eld_batch(
    request: Request,
    x_provider_signature: str = Header(...),
    svc=Depends(services),
) -> dict:
    raw = await request.body()
    if len(raw) > MAX_ELD_BATCH_BYTES:
        raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "batch too large")
    if not verify_device_signature(raw, x_provider_signature, get_settings().jwt_secret):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature")
    records = json.loads(gzip.decompress(raw))
    fixes = [fix for fix in (parse_eld_record(r) for r in records["positions"]) if fix is not None]
    events = [
        (
            str(e["unit"]),
            str(e["driver"]),
            e["code"],
            e.get("duty"),
            datetime.fromisoformat(e["at"]),
            json.dumps(e),
        )
        for e in records.get("events", [])
    ]
    stored = await svc.tracking.ingest(fixes)
    if events:
        await svc.positions.record_eld_events(events)
    return {"stored": stored, "events": len(events), "rejected": len(records["positions"]) - len(fixes)}


@router.get("/trucks/{truck_id}/last")
async def last_position(truck_id: str, principal: Principal = Depends(require("shipper")), svc=Depends(services)) -> dict:
    position = await svc.tracking.last_known(truck_id)
    if position is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no position for truck")
    return position


@router.get("/loads/{load_id}/track")
async def load_track(
    load_id: int,
    since: datetime | None = None,
    principal: Principal = Depends(require("shipper")),
    svc=Depends(services),
) -> list[dict]:
    return await svc.tracking.replay(load_id, since)
