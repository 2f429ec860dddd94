"""Device telemetry ingestion and history queries."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, status

from svc import config
from svc.db.devices_repo import DeviceRecord
from svc.db.telemetry_repo import TelemetryRepository
from svc.deps import current_device, get_report_service, get_telemetry_repo, get_telemetry_service
from svc.services.reports import ReportService
from svc.services.telemetry import TelemetryBatch, TelemetryService, ingest_stats

router = APIRouter(tags=["telemetry"])


@router.post("/telemetry", status_code=status.HTTP_202_ACCEPTED)
async def post_telemetry(
    batch: TelemetryBatch,
    device: DeviceRecord = Depends(current_device),
    service: TelemetryService = Depends(get_telemetry_service),
) -> dict[str, str]:
    if not batch.points:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, detail="empty batch")
    if len(batch.points) > config.MAX_BATCH_POINTS:
        raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, detail="batch too large")
    entry_id = await service.enqueue_batch(device, batch)
    return {"entry": entry_id}


@router.get("/devices/{device_id}/history")
async def history(
    device_id: int,
    page: int = Query(0, ge=0),
    page_size: int = Query(100, ge=1, le=1000),
    repo: TelemetryRepository = Depends(get_telemetry_repo),
) -> list[dict[str, Any]]:
    return [dict(r) for r in await repo.history_page(device_id, page, page_size)]


@router.get("/devices/{device_id}/history/before")
async def history_before(
    device_id: int,
    before: datetime,
    limit: int = Query(100, ge=1, le=1000),
    repo: TelemetryRepository = Depends(get_telemetry_repo),
) -> list[dict[str, Any]]:
    return [dict(r) for r in await repo.history_before(device_id, before, limit)]


@router.get("/devices/{device_id}/trip-report")
async def trip_report(
    device_id: int, start: datetime, end: datetime, reports: ReportService = Depends(get_report_service)
) -> dict[str, Any]:
    if end <= start or (end - start).days > 7:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, detail="window must be at most 7 days")
    return await reports.trip_report(device_id, start, end)


@router.get("/devices/{device_id}/daily-profile")
async def daily_profile(
    device_id: int, day: datetime, reports: ReportService = Depends(get_report_service)
) -> list[dict[str, Any]]:
    return await reports.daily_profile(device_id, day)


@router.post("/fleets/{fleet_id}/exports", status_code=status.HTTP_201_CREATED)
async def export_history(
    fleet_id: int, since: datetime, reports: ReportService = Depends(get_report_service)
) -> dict[str, str]:
    return {"file": await reports.export_fleet_history(fleet_id, since)}


@router.get("/telemetry/stats")
async def stats() -> dict[str, int]:
    return ingest_stats()
