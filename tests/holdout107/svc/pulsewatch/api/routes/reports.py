from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from pulsewatch.api.deps import current_principal, require_admin
from pulsewatch.errors import PulsewatchError
from pulsewatch.services.auth import Principal
from pulsewatch.timeutil import utcnow

router = APIRouter(prefix="/v1/reports", tags=["reports"])


class ExportIn(BaseModel):
    monitor_id: UUID
    start: datetime
    end: datetime


@router.get("/sla/monthly")
async def monthly_sla(
    request: Request,
    year: int = Query(ge=2020, le=2100),
    month: int = Query(ge=1, le=12),
    target: float = Query(default=99.9, ge=0, le=100),
    principal: Principal = Depends(current_principal),
) -> dict:
    rows = await request.app.state.sla.monthly_from_rollups(principal.org_id, year, month, target)
    return {"period": f"{year}-{month:02d}", "summary": request.app.state.sla.summary(rows), "monitors": [asdict(r) for r in rows]}


@router.get("/sla/rolling")
async def rolling_sla(
    request: Request,
    days: int = Query(default=7, ge=1, le=90),
    target: float = Query(default=99.9, ge=0, le=100),
    principal: Principal = Depends(current_principal),
) -> dict:
    end = utcnow()
    start = end - timedelta(days=days)
    rows = await request.app.state.sla.report(principal.org_id, start, end, target)
    return {"from": start.isoformat(), "to": end.isoformat(), "summary": request.app.state.sla.summary(rows)}


@router.get("/sla/monthly.pdf")
async def monthly_sla_pdf(
    request: Request,
    year: int = Query(ge=2020, le=2100),
    month: int = Query(ge=1, le=12),
    principal: Principal = Depends(require_admin),
) -> Response:
    sla = request.app.state.sla
    rows = await sla.monthly_from_rollups(principal.org_id, year, month)
    org_name = await request.app.state.pool.fetchval("SELECT name FROM organisations WHERE id = $1", principal.org_id)
    pdf = await sla.render_pdf(principal.org_id, org_name, rows, f"{year}-{month:02d}")
    return Response(
        content=pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="sla-{year}-{month:02d}.pdf"'},
    )


@router.post("/exports")
async def create_export(body: ExportIn, request: Request, principal: Principal = Depends(current_principal)) -> dict:
    if body.end <= body.start or (body.end - body.start).days > 93:
        raise PulsewatchError("export range must be between 1 second and 93 days")
    name = await request.app.state.reports.export_checks(principal.org_id, body.monitor_id, body.start, body.end)
    return {"name": name}


@router.get("/exports/{org_id}/{filename}")
async def download_export(org_id: UUID, filename: str, request: Request, principal: Principal = Depends(current_principal)) -> Response:
    data = await request.app.state.reports.load_export(principal.org_id, f"{org_id}/{filename}")
    return Response(content=data, media_type="application/gzip", headers={"Content-Disposition": f'attachment; filename="{filename}"'})
