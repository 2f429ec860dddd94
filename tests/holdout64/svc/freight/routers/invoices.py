from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ..deps import current_shipper, get_services
from ..models import Shipper
from ..repositories.invoices import InvoiceRepository
from ..utils.timeutil import utcnow

router = APIRouter(prefix="/invoices", tags=["invoices"])


class InvoiceIn(BaseModel):
    load_id: uuid.UUID
    amount_cents: int = Field(gt=0)


class FactorIn(BaseModel):
    documents: list[str] = Field(min_length=1)


@router.post("", status_code=201)
async def create_invoice(body: InvoiceIn, services=Depends(get_services)):
    invoice = await services.invoices.create_for_load(body.load_id, body.amount_cents)
    return {"id": invoice.id, "number": invoice.number}


@router.get("/statement")
async def statement(days: int = Query(30, le=365), shipper: Shipper = Depends(current_shipper),
                    services=Depends(get_services)):
    return await services.invoices.statement(shipper.id, utcnow() - timedelta(days=days))


@router.get("/statement.pdf")
async def statement_pdf(days: int = Query(30, le=365), shipper: Shipper = Depends(current_shipper),
                        services=Depends(get_services)):
    pdf = await services.invoices.statement_pdf(shipper.id, utcnow() - timedelta(days=days))
    return Response(pdf, media_type="application/pdf")


@router.get("/recent")
async def recent(since: datetime, shipper: Shipper = Depends(current_shipper), services=Depends(get_services)):
    async with services.sessions() as session:
        rows = await InvoiceRepository(session).list_for_shipper(shipper.id, since=since, limit=100)
    return [{"number": r.number, "amount_cents": r.amount_cents, "status": r.status.value} for r in rows]


@router.post("/{invoice_id}/factor")
async def factor(invoice_id: uuid.UUID, body: FactorIn, services=Depends(get_services)):
    reference = await services.factoring.submit(invoice_id, body.documents)
    return {"factoring_ref": reference}
