"""Exports and reports."""
from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import FileResponse, PlainTextResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from svc.api.deps import Container, Principal, current_principal, get_container, require_ops_key
from svc.models.schemas import SummaryRequest
from svc.utils.storage import prune_exports

router = APIRouter(prefix="/reports", tags=["reports"])


@router.post("/devices/{device_id}/export")
async def export_device(
    device_id: uuid.UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> FileResponse:
    path = await container.report_service.export_device_csv(principal.tenant_id, device_id)
    return FileResponse(path, media_type="text/csv", filename=path.name)


@router.get("/devices/{device_id}/export.ndjson")
async def export_ndjson(
    device_id: uuid.UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> StreamingResponse:
    await container.devices_repo.get_for_tenant(principal.tenant_id, device_id)

    async def lines() -> AsyncIterator[str]:
        async for row in container.readings_repo.export_rows(device_id):
            yield json.dumps({"ts": row["ts"].isoformat(), "metric": row["metric"], "value": row["value"]}) + "\n"

    return StreamingResponse(lines(), media_type="application/x-ndjson")


@router.post("/devices/{device_id}/summary")
async def summary(
    device_id: uuid.UUID,
    body: SummaryRequest,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[dict[str, Any]]:
    return await container.report_service.summarize(principal.tenant_id, device_id, body)


@router.get("/devices/{device_id}/profile")
async def profile(
    device_id: uuid.UUID,
    metric: str,
    days: int = Query(14, ge=1, le=90),
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[dict[str, Any]]:
    return await container.report_service.daily_profile(principal.tenant_id, device_id, metric, days)


@router.get("/digest", response_class=PlainTextResponse)
async def digest(
    day: date | None = None,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> str:
    tenant = await container.tenant_cache.get(principal.tenant_id)
    day = day or (datetime.now(timezone.utc) - timedelta(days=1)).date()
    return await container.report_service.fleet_digest(principal.tenant_id, tenant.name, day)


@router.post("/exports/prune")
async def prune(
    max_age_days: int = Query(7, ge=1, le=365),
    _ops: None = Depends(require_ops_key),
    container: Container = Depends(get_container),
) -> dict[str, int]:
    removed = await run_in_threadpool(prune_exports, Path(container.settings.export_dir), max_age_days * 86400)
    return {"removed": removed}
