"""Endpoints used by ship-board gateways over satellite links."""
from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile, WebSocket, WebSocketDisconnect
from pydantic import ValidationError

from fleetwise.db.engine import SessionFactory
from fleetwise.db.models import Vessel
from fleetwise.deps import gateway_vessel, noon_report_service, position_service
from fleetwise.domain.schemas import NoonReportIn, PositionBatch
from fleetwise.repositories.positions import PositionRepository
from fleetwise.repositories.vessels import VesselRepository
from fleetwise.services.noon_reports import MalformedReport, NoonReportService, parse_compact
from fleetwise.services.positions import PositionService
from fleetwise.settings import get_settings
from fleetwise.utils.security import gateway_key_matches

log = logging.getLogger(__name__)

router = APIRouter(tags=["gateway"])

FIRMWARE_DIR = Path("/opt/fleetwise/firmware")


@router.post("/gateway/positions", status_code=202)
async def upload_positions(
    batch: PositionBatch,
    request: Request,
    vessel: Vessel = Depends(gateway_vessel),
    service: PositionService = Depends(position_service),
) -> dict:
    if not request.app.state.upload_limiter.allow(vessel.imo):
        raise HTTPException(429, "too many uploads", headers={"Retry-After": "60"})
    stored = await service.ingest(batch.positions, source="gateway")
    return {"accepted": stored}


@router.post("/gateway/noon-report", status_code=201)
async def upload_noon_report(
    report: str = Form(...),
    attachment: UploadFile | None = File(None),
    vessel: Vessel = Depends(gateway_vessel),
    service: NoonReportService = Depends(noon_report_service),
) -> dict:
    try:
        data = NoonReportIn.model_validate_json(report)
        blob = await attachment.read() if attachment is not None else None
        row = await service.submit(vessel.id, data, attachment.filename if attachment else None, blob)
    except Exception as exc:
        raise HTTPException(400, f"could not store noon report: {exc}") from exc
    return {"id": row.id}


@router.post("/gateway/noon-report/compact", status_code=201)
async def upload_compact(
    request: Request,
    vessel: Vessel = Depends(gateway_vessel),
    service: NoonReportService = Depends(noon_report_service),
) -> dict:
    text = (await request.body()).decode("ascii", errors="replace")
    try:
        data = parse_compact(text)
    except MalformedReport as exc:
        raise HTTPException(422, "malformed compact report") from exc
    row = await service.submit(vessel.id, data, None, None)
    return {"id": row.id}


@router.get("/gateway/firmware/manifest")
def firmware_manifest() -> dict:
    manifest = FIRMWARE_DIR / "manifest.json"
    if not manifest.exists():
        raise HTTPException(404, "no firmware published")
    return json.loads(manifest.read_text(encoding="utf-8"))


@router.websocket("/ws/gateway")
async def gateway_stream(websocket: WebSocket) -> None:
    imo = websocket.headers.get("x-vessel-imo", "")
    key = websocket.headers.get("x-gateway-key", "")
    async with SessionFactory() as session:
        vessel = await VesselRepository(session).get_by_imo(imo)
    valid = vessel is not None and bool(vessel.gateway_key_hash) and await asyncio.to_thread(
        gateway_key_matches, key, vessel.gateway_key_hash
    )
    if not valid:
        await websocket.close(code=1008)
        return
    await websocket.accept()
    state = websocket.app.state
    service = PositionService(PositionRepository(state.pg), state.redis, state.publisher)
    try:
        while True:
            raw = await websocket.receive_text()
            try:
                batch = PositionBatch.model_validate_json(raw)
            except ValidationError:
                continue
            stored = await service.ingest(batch.positions, source="gateway-ws")
            await websocket.send_json({"ack": stored})
    except WebSocketDisconnect:
        log.info("gateway %s disconnected", imo)
