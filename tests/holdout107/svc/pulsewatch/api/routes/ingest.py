from __future__ import annotations

from datetime import datetime
from typing import Optional
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from pulsewatch.api.deps import get_incident_service, get_pool, prober_principal
from pulsewatch.errors import Forbidden
from pulsewatch.repositories.check_results import CheckResultRepository
from pulsewatch.repositories.maintenance import MaintenanceRepository
from pulsewatch.repositories.monitors import MonitorRepository
from pulsewatch.services.auth import Principal
from pulsewatch.services.check_ingest import IngestedResult, IngestService
from pulsewatch.services.confirmation import ConfirmationService
from pulsewatch.services.incidents import IncidentService
from pulsewatch.services.live import LivePublisher

router = APIRouter(prefix="/v1/ingest", tags=["ingest"])


class ResultIn(BaseModel):
    monitor_id: UUID
    ok: bool
    latency_ms: Optional[int] = Field(default=None, ge=0)
    status_code: Optional[int] = None
    error: Optional[str] = Field(default=None, max_length=500)
    checked_at: datetime
    tls_not_after: Optional[str] = None


class BatchIn(BaseModel):
    region: str
    results: list[ResultIn] = Field(max_length=1000)


@router.post("/results")
async def ingest_results(
    body: BatchIn,
    request: Request,
    principal: Principal = Depends(prober_principal),
    incidents: IncidentService = Depends(get_incident_service),
) -> dict:
    if body.region != principal.region:
        raise Forbidden("prober key is not valid for this region")
    pool = get_pool(request)
    redis = request.app.state.redis
    service = IngestService(
        MonitorRepository(pool),
        CheckResultRepository(pool),
        MaintenanceRepository(pool),
        ConfirmationService(redis, request.app.state.settings.confirmation_window_s),
        incidents,
        LivePublisher(redis),
    )
    summary = await service.ingest(
        body.region,
        [
            IngestedResult(r.monitor_id, r.ok, r.latency_ms, r.status_code, r.error, r.checked_at, r.tls_not_after)
            for r in body.results
        ],
    )
    return {"accepted": summary.accepted, "opened": summary.opened, "resolved": summary.resolved}
