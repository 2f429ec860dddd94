"""Public tracking (HTTP and websocket), depot dashboards and scanner ingestion."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, WebSocket, WebSocketDisconnect, status
from pydantic import BaseModel, Field

from svc.api.deps import get_db, get_hub, get_ingestor, get_tracking, public_rate_limit, staff_depot_access
from svc.config import get_settings
from svc.db.database import Database
from svc.errors import CapacityError, ConflictError
from svc.repositories.scans import ScanRepository
from svc.services.live import LiveHub
from svc.services.tracking import TrackingService
from svc.workers.scan_ingest import ScanEvent, ScanIngestor

router = APIRouter(tags=["tracking"])
logger = logging.getLogger(__name__)


class ScanIn(BaseModel):
    tracking_number: str = Field(max_length=24)
    depot_id: int
    event_code: str = Field(max_length=24)
    scanner_id: str = Field(max_length=32)
    scanned_at: datetime
    payload: dict[str, Any] = Field(default_factory=dict)


class ScanBatchIn(BaseModel):
    batch_id: str = Field(max_length=64)
    scans: list[ScanIn] = Field(max_length=500)


@router.get("/track/{tracking_number}", dependencies=[Depends(public_rate_limit)])
async def track(tracking_number: str, tracking: TrackingService = Depends(get_tracking)) -> dict[str, Any]:
    return await tracking.snapshot(tracking_number)


@router.websocket("/ws/track/{tracking_number}")
async def track_live(websocket: WebSocket, tracking_number: str, hub: LiveHub = Depends(get_hub)) -> None:
    await websocket.accept()
    await hub.subscribe(tracking_number, websocket)
    while True:
        message = await websocket.receive_text()
        if message == "ping":
            await websocket.send_text("pong")


async def _pump(websocket: WebSocket, outbox: asyncio.Queue[dict[str, Any]]) -> None:
    while True:
        update = await outbox.get()
        await websocket.send_json(update)


@router.websocket("/ws/depots/{depot_id}")
async def depot_feed(websocket: WebSocket, depot_id: int, hub: LiveHub = Depends(get_hub)) -> None:
    if not await staff_depot_access(websocket, depot_id):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    try:
        outbox = await hub.attach_depot(depot_id, websocket)
    except CapacityError:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    sender: asyncio.Task[None] | None = None
    try:
        await websocket.accept()
        sender = asyncio.create_task(_pump(websocket, outbox))
        idle_timeout = get_settings().ws_idle_timeout_s
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=idle_timeout)
    except asyncio.TimeoutError:
        await websocket.close(code=status.WS_1001_GOING_AWAY)
    except WebSocketDisconnect:
        logger.debug("depot %s dashboard disconnected", depot_id)
    finally:
        if sender is not None:
            sender.cancel()
        hub.detach_depot(depot_id, websocket)


@router.post("/scans", status_code=status.HTTP_202_ACCEPTED)
async def ingest_scans(request: Request, body: ScanBatchIn, ingestor: ScanIngestor = Depends(get_ingestor)) -> dict[str, int]:
    first_time = await request.app.state.redis.set(f"scan-batch:{body.batch_id}", 1, nx=True, ex=3600)
    if not first_time:
        raise ConflictError(f"batch {body.batch_id} already received")
    accepted = await ingestor.submit([ScanEvent(**scan.model_dump()) for scan in body.scans])
    return {"accepted": accepted}


@router.get("/depots/{depot_id}/scans")
async def depot_scans(
    depot_id: int,
    page: int = Query(0, ge=0),
    page_size: int = Query(100, ge=1, le=500),
    db: Database = Depends(get_db),
) -> list[dict[str, Any]]:
    rows = await ScanRepository(db).for_depot(depot_id, page, page_size)
    return [dict(row) for row in rows]


@router.get("/scanners/{scanner_id}/scans")
async def scanner_activity(scanner_id: str, since: datetime, db: Database = Depends(get_db)) -> list[dict[str, Any]]:
    rows = await ScanRepository(db).by_scanner(scanner_id, since)
    return [dict(row) for row in rows]
