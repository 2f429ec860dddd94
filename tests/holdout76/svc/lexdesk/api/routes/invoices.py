from __future__ import annotations

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import Response

from lexdesk.api.deps import BillingAdmin, ContainerDep, Partner, PrincipalDep, SessionDep
from lexdesk.errors import NotFound
from lexdesk.repositories.billing import BillingRepository
from lexdesk.schemas import InvoiceRunIn
from lexdesk.security import audit_event

router = APIRouter(prefix="/invoices", tags=["invoices"])


@router.post("/clients/{client_id}", status_code=status.HTTP_201_CREATED)
async def generate_invoice(client_id: int, payload: InvoiceRunIn, principal: BillingAdmin, container: ContainerDep) -> dict:
    invoice = await container.invoicing.generate_for_client(principal.firm_id, client_id, payload.period_end)
    audit_event("invoice.generated", principal, invoice_id=invoice.id, client_id=client_id)
    return {"id": invoice.id, "number": invoice.number, "total_cents": invoice.total_cents}


@router.get("/{invoice_id}")
async def get_invoice(invoice_id: int, principal: PrincipalDep, session: SessionDep) -> dict:
    invoice = await BillingRepository(session).get_invoice(invoice_id)
    if invoice is None or invoice.firm_id != principal.firm_id:
        raise NotFound("invoice", invoice_id)
    lines = [{"matter_id": l.matter_id, "description": l.description, "amount_cents": l.amount_cents} for l in invoice.lines]
    return {"id": invoice.id, "number": invoice.number, "status": invoice.status, "total_cents": invoice.total_cents, "lines": lines}


@router.get("/{invoice_id}/preview.pdf")
async def preview_invoice(invoice_id: int, principal: PrincipalDep, container: ContainerDep) -> Response:
    pdf = await container.invoicing.preview_pdf(principal.firm_id, invoice_id)
    return Response(pdf, media_type="application/pdf")


@router.post("/{invoice_id}/void")
async def void_invoice(invoice_id: int, reason: str, principal: Partner, session: SessionDep) -> dict:
    async with session.begin():
        voided = await BillingRepository(session).void_invoice(principal.firm_id, invoice_id)
    if not voided:
        raise HTTPException(status.HTTP_409_CONFLICT, "invoice cannot be voided")
    await audit_event("invoice.voided", principal, invoice_id=invoice_id, reason=reason)
    return {"id": invoice_id, "status": "void"}
