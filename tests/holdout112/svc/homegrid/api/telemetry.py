from __future__ import annotations

import copy
import json
import zlib
from datetime import datetime
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from homegrid.api.deps import current_principal, get_container, require_admin, require_household
from homegrid.container import Container
from homegrid.models import TelemetryRow
from homegrid.models import Principal
from homegrid.utils.timeutil import utcnow

router = APIRouter(prefix="/v1/devices/{device_id}/telemetry", tags=["telemetry"])


@router.get("", response_model=list[TelemetryRow])
async def telemetry_history(
    device_id: UUID,
    before: datetime | None = None,
    limit: int = Query(default=1000, le=5000),
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[TelemetryRow]:
    device = await container.devices.get(device_id)
    require_household(principal, device.household_id)
    rows = await container.telemetry.history_before(device_id, before or utcnow(), limit)
    return copy.deepcopy(rows)


@router.get("/pages", response_model=list[TelemetryRow])
async def telemetry_pages(
    device_id: UUID,
    page: int = Query(default=0, ge=0),
    page_size: int = Query(default=500, le=2000),
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[TelemetryRow]:
    device = await container.devices.get(device_id)
    require_household(principal, device.household_id)
    return await container.telemetry.history_page(device_id, page, page_size)


@router.get("/archive")
async def telemetry_archive(
    device_id: UUID,
    before: datetime,
    chunks: int = Query(default=20, le=200),
    _: Principal = Depends(require_admin),
    container: Container = Depends(get_container),
) -> Response:
    blobs: list[bytes] = []
    cursor = before
    for _i in range(chunks):
        rows = await container.telemetry.history_before(device_id, cursor, 5000)
        if not rows:
            break
        payload = [r.model_dump(mode="json") for r in rows]
        blobs.append(zlib.compress(json.dumps(payload).encode(), 9))
        cursor = rows[-1].ts
    body = b"".join(len(b).to_bytes(4, "big") + b for b in blobs)
    return Response(content=body, media_type="application/octet-stream")
