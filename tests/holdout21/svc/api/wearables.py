"""Wearable pairing, sample upload from the member app and the live device stream."""
from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Query, WebSocket, WebSocketDisconnect, status
from pydantic import BaseModel, Field

from svc.config import get_settings
from svc.deps import (
    Principal,
    class_service,
    current_principal,
    decode_token,
    device_service,
    sample_ingestor,
)
from svc.errors import FitError, Unauthorized
from svc.services.classes import ClassService
from svc.services.wearables import DeviceService, LiveZones, SampleIngestor

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/wearables", tags=["wearables"])

IDLE_TIMEOUT_SECONDS = 45.0
MAX_FRAME_BYTES = 4096
MAX_STREAMS_PER_MEMBER = 2


class Pairing(BaseModel):
    serial: str = Field(min_length=6, max_length=64)
    vendor_token: str


class SampleBatch(BaseModel):
    device_id: int
    samples: list[dict[str, Any]] = Field(max_length=5000)


@router.post("/devices", status_code=status.HTTP_201_CREATED)
async def pair_device(
    body: Pairing, principal: Principal = Depends(current_principal), devices: DeviceService = Depends(device_service)
) -> dict[str, int]:
    return {"device_id": await devices.pair(principal.member_id, body.serial, body.vendor_token)}


@router.delete("/devices/{device_id}", status_code=status.HTTP_204_NO_CONTENT)
async def unpair_device(
    device_id: int, principal: Principal = Depends(current_principal), devices: DeviceService = Depends(device_service)
) -> None:
    await devices.unpair(principal.member_id, device_id)


@router.post("/samples", status_code=status.HTTP_202_ACCEPTED)
async def upload_samples(
    batch: SampleBatch,
    principal: Principal = Depends(current_principal),
    ingestor: SampleIngestor = Depends(sample_ingestor),
) -> dict[str, int]:
    accepted = await ingestor.submit(principal.member_id, batch.device_id, batch.samples)
    return {"accepted": accepted}


@router.post("/sync", status_code=status.HTTP_202_ACCEPTED)
async def sync_from_vendor(
    principal: Principal = Depends(current_principal),
    devices: DeviceService = Depends(device_service),
    ingestor: SampleIngestor = Depends(sample_ingestor),
) -> dict[str, int]:
    records = await devices.pull_from_vendor(principal.member_id)
    await ingestor.write_now(records)
    return {"imported": len(records)}


@router.get("/devices/{device_id}/heart-rate")
async def heart_rate(
    device_id: int,
    since: datetime,
    _: Principal = Depends(current_principal),
    classes: ClassService = Depends(class_service),
) -> list[tuple[datetime, int]]:
    return await classes.device_heart_rate(device_id, since)


@router.websocket("/stream")
async def device_stream(websocket: WebSocket, class_id: int = Query(), token: str = Query()) -> None:
    """Live heart rate from the member app while a class is running."""
    try:
        principal = decode_token(token, get_settings())
    except Unauthorized:
        await websocket.close(code=1008)
        return
    zones: LiveZones = websocket.app.state.live_zones
    redis = websocket.app.state.redis
    slot_key = f"ws:device-stream:{principal.member_id}"
    if await redis.incr(slot_key) > MAX_STREAMS_PER_MEMBER:
        await redis.decr(slot_key)
        await websocket.close(code=1013)
        return
    await redis.expire(slot_key, 4 * 3600)
    await websocket.accept()
    try:
        while True:
            frame = await asyncio.wait_for(websocket.receive_text(), timeout=IDLE_TIMEOUT_SECONDS)
            if len(frame) > MAX_FRAME_BYTES:
                await websocket.close(code=1009)
                return
            reading = json.loads(frame)
            await zones.update(class_id, principal.member_id, int(reading["hr"]))
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.debug("device stream closed for member %s", principal.member_id)
    except (ValueError, KeyError, FitError) as exc:
        logger.warning("bad frame on device stream for member %s: %s", principal.member_id, exc)
        await websocket.close(code=1003)
    finally:
        await redis.decr(slot_key)
