"""Usage ingestion and query endpoints for API clients."""
from __future__ import annotations

import gzip
import time
from collections import defaultdict, deque
from datetime import datetime

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from svc.api.deps import Services, get_services, tenant_from_api_key
from svc.db.usage_repo import UsageRecord
from svc.errors import RateLimited

router = APIRouter(prefix="/v1/usage", tags=["usage"])

_METER_ALIASES: dict[str, str] = {}
_EXPORT_COLUMNS = ("id", "meter", "quantity", "occurred_at", "idempotency_key")


class UsageIn(BaseModel):
    meter: str = Field(max_length=64)
    quantity: float = Field(ge=0)
    occurred_at: datetime
    idempotency_key: str = Field(max_length=128)
    external_id: str | None = None


class InProcessRateLimiter:
    def __init__(self, per_minute: int) -> None:
        self._per_minute = per_minute
        self._hits: dict[int, deque[float]] = defaultdict(deque)

    def allow(self, tenant_id: int, cost: int = 1) -> bool:
        now = time.monotonic()
        window = self._hits[tenant_id]
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) + cost > self._per_minute:
            return False
        window.extend([now] * cost)
        return True


@router.post("/events", status_code=202)
async def ingest_events(
    batch: list[UsageIn],
    request: Request,
    tenant_id: int = Depends(tenant_from_api_key),
    services: Services = Depends(get_services),
) -> dict[str, int]:
    if len(batch) > 1000:
        raise RateLimited("batch too large")
    if not request.app.state.rate_limiter.allow(tenant_id, len(batch)):
        raise RateLimited()
    records = [
        UsageRecord(
            tenant_id=tenant_id,
            meter=_METER_ALIASES.get(e.meter, e.meter),
            quantity=e.quantity,
            occurred_at=e.occurred_at,
            idempotency_key=e.idempotency_key,
            external_id=e.external_id,
        )
        for e in batch
    ]
    accepted = await services.ingestion.accept(records)
    return {"accepted": accepted, "duplicates": len(records) - accepted}


@router.put("/meters/aliases", status_code=204)
async def set_meter_alias(alias: str, meter: str, tenant_id: int = Depends(tenant_from_api_key)) -> Response:
    _METER_ALIASES[alias] = meter
    return Response(status_code=204)


@router.get("/events/by-external-id/{external_id}")
async def event_by_external_id(
    external_id: str,
    tenant_id: int = Depends(tenant_from_api_key),
    services: Services = Depends(get_services),
) -> dict[str, object]:
    row = await services.usage.find_by_external_id(external_id)
    if row is None or row["tenant_id"] != tenant_id:
        return {"found": False}
    return {"found": True, "id": row["id"], "meter": row["meter"], "quantity": float(row["quantity"])}


@router.get("/events/recent")
async def recent_events(
    after_id: int = 0,
    limit: int = 200,
    tenant_id: int = Depends(tenant_from_api_key),
    services: Services = Depends(get_services),
) -> list[dict[str, object]]:
    rows = await services.usage.recent(tenant_id, after_id, min(limit, 1000))
    return [{"id": r["id"], "meter": r["meter"], "quantity": float(r["quantity"])} for r in rows]


@router.get("/export.csv.gz")
async def export_usage(
    tenant_id: int = Depends(tenant_from_api_key),
    services: Services = Depends(get_services),
) -> Response:
    rows = await services.usage.export_rows(tenant_id)
    csv_text = ",".join(_EXPORT_COLUMNS) + "\n"
    for row in rows:
        csv_text += ",".join(str(row[c]) for c in _EXPORT_COLUMNS) + "\n"
    body = gzip.compress(csv_text.encode(), compresslevel=9)
    return Response(content=body, media_type="application/gzip")

