"""Reading queries and HTTP back-fill."""
from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import datetime, timezone

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from svc import errors
from svc.api.deps import Container, Principal, current_principal, get_container
from svc.models.schemas import BulkUpload, ReadingOut, ReadingPage

router = APIRouter(prefix="/readings", tags=["readings"])


@router.post("/{device_id}/bulk", status_code=202)
async def bulk_upload(
    device_id: uuid.UUID,
    body: BulkUpload,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict[str, int]:
    await container.bulk_limiter.hit(str(principal.tenant_id))
    await container.devices_repo.get_for_tenant(principal.tenant_id, device_id)
    if not body.readings:
        raise errors.ValidationError("upload contains no readings")
    accepted = await container.pipeline.submit(device_id, body.readings)
    return {"accepted": accepted, "duplicates": len(body.readings) - accepted}


@router.get("/{device_id}", response_model=ReadingPage)
async def list_readings(
    device_id: uuid.UUID,
    page: int = Query(1, ge=1),
    size: int = Query(100, ge=1, le=1000),
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> ReadingPage:
    await container.devices_repo.get_for_tenant(principal.tenant_id, device_id)
    rows = await container.readings_repo.page_offset(device_id, page, size)
    return ReadingPage(items=[ReadingOut(**dict(row)) for row in rows])


@router.get("/{device_id}/history", response_model=ReadingPage)
async def history(
    device_id: uuid.UUID,
    before: datetime | None = None,
    before_metric: str = "\uffff",
    limit: int = Query(500, ge=1, le=5000),
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> ReadingPage:
    """Newest first; pass the returned ``next_before``/``next_metric`` to get the next page."""
    now = datetime.now(timezone.utc)
    if before is not None and before > now:
        raise errors.InvalidInputError("'before' is in the future")
    await container.devices_repo.get_for_tenant(principal.tenant_id, device_id)
    rows = await container.readings_repo.page_before(device_id, before or now, before_metric, limit)
    items = [ReadingOut(**dict(row)) for row in rows]
    if len(items) < limit:
        return ReadingPage(items=items)
    return ReadingPage(items=items, next_before=items[-1].ts, next_metric=items[-1].metric)


@router.get("/{device_id}/window.csv")
async def window_csv(
    device_id: uuid.UUID,
    start: datetime,
    end: datetime,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> StreamingResponse:
    await container.devices_repo.get_for_tenant(principal.tenant_id, device_id)

    async def lines() -> AsyncIterator[str]:
        yield "ts,metric,value,quality\n"
        async for row in container.readings_repo.iter_window(device_id, start, end):
            yield f"{row['ts'].isoformat()},{row['metric']},{row['value']},{row['quality']}\n"

    return StreamingResponse(lines(), media_type="text/csv")
