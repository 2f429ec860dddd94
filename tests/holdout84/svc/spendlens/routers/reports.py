from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import Response

from ..deps import TenantContext, current_tenant, get_container
from ..schemas import ExportJobOut, ExportRequest
from ..services.container import Container
from ..settings import get_settings

router = APIRouter(prefix="/v1/reports", tags=["reports"])

TEMPLATE_NAMES = ("monthly", "showback", "chargeback")


@router.post("/exports", response_model=ExportJobOut, status_code=status.HTTP_202_ACCEPTED)
async def start_export(
    body: ExportRequest,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> ExportJobOut:
    if body.end <= body.start:
        raise HTTPException(status_code=422, detail="end must be after start")
    await container.quota.consume(tenant.id)
    job = container.reports.start_export(tenant.id, body.start, body.end, body.format)
    return ExportJobOut(job_id=job.job_id, status=job.status)


@router.get("/exports/{job_id}", response_model=ExportJobOut)
async def export_status(
    job_id: str,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> ExportJobOut:
    job = container.reports.get_job(tenant.id, job_id)
    if job is None:
        raise HTTPException(status_code=404, detail="export not found")
    url = f"/v1/reports/exports/{job_id}/download" if job.status == "done" else None
    return ExportJobOut(job_id=job.job_id, status=job.status, rows=job.rows, download_url=url)


@router.get("/exports/{job_id}/download")
async def download_export(
    job_id: str,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> Response:
    job = container.reports.get_job(tenant.id, job_id)
    path = container.reports.file_for(job) if job else None
    if path is None:
        raise HTTPException(status_code=404, detail="export not ready")
    content = await asyncio.to_thread(path.read_bytes)
    media = "text/csv" if path.suffix == ".csv" else "application/pdf"
    return Response(content, media_type=media, headers={"content-disposition": f"attachment; filename={path.name}"})


@router.get("/summary.pdf")
async def summary_pdf(
    start: date,
    end: date,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> Response:
    totals = await container.dashboard.range_totals(tenant.id, start, end)
    accounts = await container.accounts.get_many(totals.keys())
    rows = [(accounts[a].display_name if a in accounts else str(a), f"{t:.2f}") for a, t in totals.items()]
    pdf_bytes = container.reports.render_pdf(f"Spend {start} to {end}", rows)
    return Response(pdf_bytes, media_type="application/pdf")


@router.get("/templates/{name}")
def download_template(name: str, tenant: TenantContext = Depends(current_tenant)) -> Response:
    if name not in TEMPLATE_NAMES:
        raise HTTPException(status_code=404, detail="unknown template")
    path = Path(get_settings().template_dir) / f"{name}.csv"
    return Response(path.read_text(), media_type="text/csv")
