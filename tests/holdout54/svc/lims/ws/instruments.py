"""Instrument connectivity: the websocket analyzers push results into, and bench control endpoints."""
from __future__ import annotations

import asyncio
import hmac
import json
import logging

from fastapi import APIRouter, Depends, HTTPException, WebSocket, WebSocketDisconnect, status
from pydantic import BaseModel

from ..config import get_settings
from ..metrics import INSTRUMENTS_CONNECTED
from ..redis_client import get_redis
from ..security import StaffPrincipal, require_role
from ..services.audit import audit
from ..services.ingestion import IngestionService, UnknownAccession

log = logging.getLogger(__name__)
router = APIRouter()
control_router = APIRouter(prefix="/v1/instruments", tags=["instruments"])
tech = require_role("technologist", "lab_director")

connected_instruments: dict[str, WebSocket] = {}


async def _instrument_secret(instrument_id: str) -> str | None:
    return await get_redis().hget("instrument:secrets", instrument_id)


async def _handle(ws: WebSocket, service: IngestionService, instrument_id: str, message: dict) -> None:
    kind = message.get("type")
    try:
        if kind == "result":
            count = await service.ingest_json(instrument_id, message)
            await ws.send_json({"type": "ack", "id": message.get("id"), "stored": count})
        elif kind == "qc":
            await service.ingest_qc(instrument_id, message)
            await ws.send_json({"type": "ack", "id": message.get("id")})
    except UnknownAccession as exc:
        await ws.send_json({"type": "nack", "id": message.get("id"), "error": f"unknown accession {exc}"})


@router.websocket("/ws/instruments/{instrument_id}")
async def instrument_socket(ws: WebSocket, instrument_id: str) -> None:
    settings = get_settings()
    token = ws.headers.get("x-instrument-token", "")
    secret = await _instrument_secret(instrument_id)
    if secret is None or not hmac.compare_digest(token, secret):
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if len(connected_instruments) >= settings.ws_max_instruments:
        await ws.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return

    await ws.accept()
    previous = connected_instruments.pop(instrument_id, None)
    if previous is not None:
        await previous.close(code=status.WS_1012_SERVICE_RESTART)
    connected_instruments[instrument_id] = ws
    INSTRUMENTS_CONNECTED.inc()
    service: IngestionService = ws.app.state.ingestion_service
    try:
        while True:
            raw = await asyncio.wait_for(ws.receive_text(), timeout=settings.ws_idle_timeout_s)
            try:
                message = json.loads(raw)
            except json.JSONDecodeError:
                await ws.send_json({"type": "nack", "error": "invalid json"})
                continue
            if message.get("type") == "ping":
                await ws.send_json({"type": "pong"})
                continue
            asyncio.create_task(_handle(ws, service, instrument_id, message))
    except WebSocketDisconnect:
        log.info("instrument %s disconnected", instrument_id)
    except asyncio.TimeoutError:
        log.warning("instrument %s idle for %.0fs, closing", instrument_id, settings.ws_idle_timeout_s)
        await ws.close(code=status.WS_1001_GOING_AWAY)
    finally:
        if connected_instruments.get(instrument_id) is ws:
            del connected_instruments[instrument_id]
        INSTRUMENTS_CONNECTED.dec()


class RerunIn(BaseModel):
    accession_no: str
    analytes: list[str]


@control_router.get("")
async def list_connected(staff: StaffPrincipal = Depends(tech)) -> list[str]:
    return sorted(connected_instruments)


@control_router.post("/{instrument_id}/rerun", status_code=status.HTTP_202_ACCEPTED)
async def rerun(instrument_id: str, body: RerunIn, staff: StaffPrincipal = Depends(tech)) -> dict:
    conn = connected_instruments.get(instrument_id)
    if conn is None:
        raise HTTPException(status.HTTP_409_CONFLICT, "instrument not connected")
    await conn.send_json({"type": "rerun", "accession_no": body.accession_no, "analytes": body.analytes})
    await audit.record(staff.email, "rerun", "instrument", instrument_id, body.model_dump())
    return {"queued": True}
