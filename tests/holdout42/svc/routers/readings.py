from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.repos.accounts import MetersRepo
from svc.repos.readings import ReadingsRepo
from svc.routers.deps import (
    db_session,
    ingestion_service,
    readings_repo,
    require_gateway,
    require_operator,
)
from svc.services.ingestion import IngestionService

router = APIRouter(tags=["readings"])

MAX_BATCH_BYTES = 8 * 1024 * 1024


@router.post("/gateways/{gateway_id}/readings", status_code=202)
async def push_readings(
    request: Request,
    gateway_id: str = Depends(require_gateway),
    svc: IngestionService = Depends(ingestion_service),
) -> dict[str, Any]:
    body = await request.body()
    if len(body) > MAX_BATCH_BYTES:
        raise HTTPException(413, "batch too large")
    items = await svc.decode(
        body,
        gzipped=request.headers.get("content-encoding") == "gzip",
        legacy=request.headers.get("content-type", "").startswith("text/plain"),
    )
    result = await svc.ingest_gateway_batch(gateway_id, items)
    return {"accepted": result.accepted, "duplicates": result.duplicates, "rejected": result.rejected}


@router.get("/meters/{serial}/readings")
async def meter_readings(
    serial: str,
    start: dt.date,
    end: dt.date,
    session: AsyncSession = Depends(db_session),
    readings: ReadingsRepo = Depends(readings_repo),
) -> list[dict[str, Any]]:
    if (end - start).days > 92:
        raise HTTPException(400, "range limited to 92 days")
    meter = await MetersRepo(session).get_by_serial(serial)
    if meter is None:
        raise HTTPException(404, "meter not found")
    rows = await readings.for_meter_period(meter.id, start, end)
    return [{"read_at": r.read_at, "kwh": str(r.kwh), "source": r.source} for r in rows]


@router.post("/meters/{serial}/read-now")
async def read_now(
    serial: str,
    request: Request,
    session: AsyncSession = Depends(db_session),
    operator: str = Depends(require_operator),
) -> dict[str, Any]:
    meter = await MetersRepo(session).get_by_serial_number(serial)
    if meter is None:
        raise HTTPException(404, "meter not found")
    host = await request.app.state.redis.hget("gateway_hosts", meter.gateway_id)
    if host is None:
        raise HTTPException(409, "gateway address unknown")
    register = await request.app.state.gateway_client.read_register(host, serial)
    return {"serial": serial, "requested_by": operator, "register": register}


@router.get("/gateways/{gateway_id}/meters")
async def gateway_meters(
    gateway_id: str,
    session: AsyncSession = Depends(db_session),
    limit: int = Query(500, le=5000),
) -> list[str]:
    meters = await MetersRepo(session).on_gateway(gateway_id)
    return [m.serial for m in meters[:limit]]
