from __future__ import annotations

import os
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Query, Response
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, EmailStr, Field

from svc.api.deps import Client, ContainerDep, InvoiceServiceDep, require_admin
from svc.clients.email import OutboundEmail
from svc.services.invoicing import InvoiceCreate

router = APIRouter(tags=["invoicing"])


class CustomerIn(BaseModel):
    name: str = Field(max_length=200)
    billing_email: EmailStr
    vat_number: str | None = None
    country: str = Field(min_length=2, max_length=2)
    currency: str = Field(min_length=3, max_length=3)
    credit_limit: Decimal = Decimal("0")


class InvoiceOut(BaseModel):
    id: uuid.UUID
    number: str
    status: str
    currency: str
    total: Decimal
    due_date: date | None

    model_config = {"from_attributes": True}


class InboundEmail(BaseModel):
    sender: EmailStr
    subject: str
    body: str = Field(max_length=100_000)


@router.post("/customers", status_code=201)
async def create_customer(body: CustomerIn, client: Client, container: ContainerDep) -> dict[str, str]:
    customer_id = await container.customers.create(client.tenant_id, **body.model_dump())
    return {"id": str(customer_id)}


@router.get("/customers/search")
async def search_customers(
    client: Client, container: ContainerDep, q: Annotated[str, Query(min_length=2, max_length=100)]
) -> list[dict[str, object]]:
    rows = await container.customers.search(client.tenant_id, q)
    return [dict(row) for row in rows]


@router.get("/customers/{customer_id}/statement")
async def customer_statement(
    customer_id: uuid.UUID, client: Client, service: InvoiceServiceDep, before: datetime | None = None
) -> list[dict[str, object]]:
    return await service.customer_statement(client.tenant_id, customer_id, before)


@router.post("/invoices", status_code=201, response_model=InvoiceOut)
async def create_invoice(body: InvoiceCreate, client: Client, service: InvoiceServiceDep) -> InvoiceOut:
    invoice = await service.create_draft(client.tenant_id, body)
    return InvoiceOut.model_validate(invoice)


@router.post("/invoices/{invoice_id}/issue", response_model=InvoiceOut)
async def issue_invoice(invoice_id: uuid.UUID, client: Client, service: InvoiceServiceDep) -> InvoiceOut:
    return InvoiceOut.model_validate(await service.issue(client.tenant_id, invoice_id))


@router.post("/invoices/{invoice_id}/void", response_model=InvoiceOut)
async def void_invoice(invoice_id: uuid.UUID, client: Client, service: InvoiceServiceDep) -> InvoiceOut:
    return InvoiceOut.model_validate(await service.void(client.tenant_id, invoice_id))


@router.get("/invoices/open")
async def open_invoices(client: Client, service: InvoiceServiceDep, limit: Annotated[int, Query(le=500)] = 100) -> list[dict[str, object]]:
    summaries = await service.open_with_balances(client.tenant_id, limit)
    return [
        {"id": str(s.id), "number": s.number, "customer": s.customer_name, "total": s.total, "paid": s.paid, "due_date": s.due_date}
        for s in summaries
    ]


@router.get("/invoices/by-number/{number}", response_model=InvoiceOut)
async def invoice_by_number(number: str, client: Client, service: InvoiceServiceDep) -> InvoiceOut:
    return InvoiceOut.model_validate(await service.find_by_number(client.tenant_id, number))


@router.get("/invoices/by-po/{po_number}", response_model=list[InvoiceOut])
async def invoices_by_po(po_number: str, client: Client, service: InvoiceServiceDep) -> list[InvoiceOut]:
    return [InvoiceOut.model_validate(inv) for inv in await service.find_by_po(client.tenant_id, po_number)]


@router.get("/invoices/export/{day}", response_class=PlainTextResponse)
async def export_day(day: date, client: Client, service: InvoiceServiceDep) -> str:
    return await service.daily_export(client.tenant_id, day)


@router.get("/invoices/{invoice_id}/pdf")
async def invoice_pdf(invoice_id: uuid.UUID, client: Client, container: ContainerDep, service: InvoiceServiceDep) -> Response:
    invoice = await service.get(client.tenant_id, invoice_id)
    pdf = await container.documents.render_invoice(invoice)
    return Response(pdf, media_type="application/pdf")


@router.get("/archive/{tenant_id}/{year}/{month}/{number}.pdf", dependencies=[Depends(require_admin)])
def archived_pdf(tenant_id: uuid.UUID, year: int, month: int, number: str, container: ContainerDep) -> Response:
    path = os.path.join(container.settings.pdf_archive_dir, str(tenant_id), f"{year:04d}/{month:02d}", f"{number}.pdf")
    try:
        with open(path, "rb") as fh:
            return Response(fh.read(), media_type="application/pdf")
    except FileNotFoundError:
        raise HTTPException(status_code=404, detail="not archived") from None


@router.post("/invoices/{invoice_id}/send", status_code=202)
async def send_invoice(
    invoice_id: uuid.UUID, client: Client, container: ContainerDep, service: InvoiceServiceDep, tasks: BackgroundTasks
) -> dict[str, str]:
    invoice = await service.get(client.tenant_id, invoice_id)
    pdf = await container.documents.render_invoice(invoice)
    message = OutboundEmail(
        to=invoice.customer.billing_email,
        subject=f"Invoice {invoice.number}",
        html=f"<p>Please find invoice {invoice.number} attached.</p>",
        attachment_name=f"{invoice.number}.pdf",
        attachment=pdf,
    )
    tasks.add_task(container.email.send, message)
    return {"status": "queued"}


@router.post("/inbound/email", status_code=204)
async def inbound_email(body: InboundEmail, container: ContainerDep) -> None:
    customer = await container.customers.by_billing_email(body.sender)
    if customer is None:
        return None
    await container.audit.record(customer["tenant_id"], "customer.email_received", customer["id"])
    return None
