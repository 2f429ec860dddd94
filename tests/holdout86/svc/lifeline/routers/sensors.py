from __future__ import annotations

import csv
import io
import logging
from datetime import datetime, timedelta

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from lifeline.clients.mqtt_bridge import Reading
from lifeline.deps import get_container
from lifeline.errors import NotFound
from lifeline.schemas import ReadingBatch
from lifeline.services.container import Container
from lifeline.utils.clock import utcnow
from lifeline.utils.crypto import verify_signature

log = logging.getLogger(__name__)

router = APIRouter(prefix="/sensors", tags=["cold-chain"])

MAX_UPLOAD_BYTES = 512 * 1024


@router.post("/readings", status_code=202)
async def upload_readings(batch: ReadingBatch, container: Container = Depends(get_container)) -> dict:
    readings = [Reading(r.sensor_id, r.celsius, r.recorded_at) for r in batch.readings]
    excursions = await container.cold_chain.ingest(readings)
    return {"accepted": len(readings), "excursions": excursions}


@router.post("/gateway/{gateway_id}/csv", status_code=202)
async def upload_gateway_csv(
    gateway_id: str,
    request: Request,
    x_signature: str = Header(...),
    container: Container = Depends(get_container),
) -> dict:
    body = await request.body()
    if len(body) > MAX_UPLOAD_BYTES:
        raise HTTPException(status_code=413, detail="upload too large")
    secret = await container.redis.get(f"gateway-secret:{gateway_id}")
    if secret is None or not verify_signature(body, secret, x_signature):
        raise HTTPException(status_code=401, detail="bad signature")
    readings: list[Reading] = []
    for row in csv.DictReader(io.StringIO(body.decode("utf-8"))):
        try:
            readings.append(Reading(row["sensor"], float(row["celsius"]), datetime.fromisoformat(row["ts"])))
        except (ValueError, KeyError):
            continue
    excursions = await container.cold_chain.ingest(readings)
    return {"accepted": len(readings), "excursions": excursions}


@router.get("/{sensor_id}/history")
async def sensor_history(sensor_id: str, hours: int = 24, container: Container = Depends(get_container)) -> list[dict]:
    return await container.cold_chain.history(sensor_id, utcnow() - timedelta(hours=min(hours, 168)))


@router.get("/{sensor_id}/status")
async def sensor_status(sensor_id: str, container: Container = Depends(get_container)) -> dict:
    latest = await container.redis.hgetall(f"sensor-latest:{sensor_id}")
    if not latest:
        raise NotFound("no readings yet")
    celsius = float(latest["celsius"])
    return {"sensor": sensor_id, "celsius": celsius, "in_range": container.cold_chain.in_range(sensor_id, celsius)}
