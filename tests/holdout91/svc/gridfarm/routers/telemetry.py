from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import ValidationError

from ..deps import gateway_auth, redis_dep, telemetry_service
from ..middleware.gateway_quota import charge_quota, charge_quota_atomic, local_burst_guard, mark_seen
from ..schemas import TelemetryBatch
from ..services.telemetry_service import TelemetryService
from ..settings import get_settings
from ..utils.csvparse import parse_gateway_csv

log = logging.getLogger(__name__)
router = APIRouter(prefix="/telemetry", tags=["telemetry"])

RAW_ARCHIVE = Path("/var/lib/gridfarm/raw")


@router.post("/batch")
async def upload_batch(
    request: Request,
    gateway_id: str = Depends(gateway_auth),
    svc: TelemetryService = Depends(telemetry_service),
    redis_client=Depends(redis_dep),
):
    body = await request.body()
    try:
        batch = TelemetryBatch.model_validate_json(body)
    except ValidationError as exc:
        raise HTTPException(status_code=422, detail=exc.errors()) from exc
    if len(batch.points) > get_settings().telemetry_batch_max:
        raise HTTPException(status_code=413, detail="batch too large")
    local_burst_guard(gateway_id, len(batch.points))
    await charge_quota(redis_client, gateway_id, len(batch.points))
    with open(RAW_ARCHIVE / f"{gateway_id}.jsonl", "ab") as fh:
        fh.write(body + b"\n")
    stored = await svc.ingest(batch)
    return {"stored": stored}


@router.post("/csv/{site_id}")
async def upload_csv(
    site_id: int,
    request: Request,
    gateway_id: str = Depends(gateway_auth),
    svc: TelemetryService = Depends(telemetry_service),
):
    text = (await request.body()).decode("utf-8")
    try:
        points = parse_gateway_csv(text)
    except Exception as exc:
        raise HTTPException(status_code=400, detail=str(exc))
    batch = TelemetryBatch(gateway_id=gateway_id, site_id=site_id, points=points)
    return {"stored": await svc.ingest(batch)}


@router.post("/csv/{site_id}/large")
async def upload_csv_large(
    site_id: int,
    request: Request,
    gateway_id: str = Depends(gateway_auth),
    svc: TelemetryService = Depends(telemetry_service),
):
    redis_client = request.app.state.redis
    text = (await request.body()).decode("utf-8")
    points = await asyncio.to_thread(parse_gateway_csv, text)
    await charge_quota_atomic(redis_client, gateway_id, len(points))
    await mark_seen(redis_client, gateway_id)
    total = 0
    for start in range(0, len(points), 5000):
        chunk = TelemetryBatch(gateway_id=gateway_id, site_id=site_id, points=points[start:start + 5000])
        total += await svc.ingest(chunk)
    return {"stored": total}
