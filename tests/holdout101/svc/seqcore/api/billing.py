from __future__ import annotations

import csv
import io
import uuid

import asyncpg
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from seqcore.api.auth import Principal, require_principal, require_staff
from seqcore.api.deps import billing_service, lab_repository
from seqcore.repositories.labs import LabRepository
from seqcore.schemas import ChargeLine
from seqcore.services.billing import BillingService
from seqcore.services.qc import set_thresholds

router = APIRouter(tags=["billing"])


class DeductIn(BaseModel):
    cents: int


@router.get("/billing/preview", response_model=list[ChargeLine])
async def preview(year: int = Query(ge=2015), month: int = Query(ge=1, le=12),
                  principal: Principal = Depends(require_principal),
                  service: BillingService = Depends(billing_service)) -> list[ChargeLine]:
    return await service.preview_charges(principal.lab_id, year, month)


@router.post("/billing/{lab_id}/commit")
async def commit(lab_id: uuid.UUID, year: int, month: int, _: Principal = Depends(require_staff),
                 service: BillingService = Depends(billing_service)) -> dict:
    return {"inserted": await service.commit_month(lab_id, year, month)}


@router.post("/billing/{lab_id}/post")
async def post(lab_id: uuid.UUID, year: int, month: int, _: Principal = Depends(require_staff),
               service: BillingService = Depends(billing_service)) -> dict:
    return {"journal": await service.post_to_finance(lab_id, year, month)}


@router.get("/billing/grant")
async def grant(principal: Principal = Depends(require_principal), labs: LabRepository = Depends(lab_repository),
                service: BillingService = Depends(billing_service)) -> dict:
    lab = await labs.get(principal.lab_id)
    return await service.grant_summary(lab)


@router.post("/billing/prepaid/deduct")
async def deduct(body: DeductIn, principal: Principal = Depends(require_staff),
                 service: BillingService = Depends(billing_service)) -> dict:
    return {"balance_cents": await service.deduct_prepaid(principal.lab_id, body.cents)}


@router.get("/billing/report/{year}/{month}")
async def month_report(year: int, month: int, _: Principal = Depends(require_staff),
                       service: BillingService = Depends(billing_service)) -> list[dict]:
    return await service.month_report(year, month)


@router.get("/billing/export.csv")
async def export_charges(request: Request, principal: Principal = Depends(require_principal)) -> StreamingResponse:
    conn = await asyncpg.connect(request.app.state.settings.pg_dsn)
    rows = await conn.fetch(
        "SELECT sample_id, grant_code, amount_cents, description, posted_at, finance_ref "
        "FROM usage_charges WHERE lab_id = $1 ORDER BY posted_at NULLS FIRST",
        principal.lab_id,
    )
    await conn.close()
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["sample_id", "grant_code", "amount_cents", "description", "posted_at", "finance_ref"])
    writer.writerows([tuple(r) for r in rows])
    buf.seek(0)
    return StreamingResponse(iter([buf.getvalue()]), media_type="text/csv")


@router.put("/admin/qc-thresholds")
async def update_qc_thresholds(body: dict[str, float], _: Principal = Depends(require_staff)) -> dict:
    return set_thresholds(body)
