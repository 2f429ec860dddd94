from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import Response

from fieldops.deps import CurrentUser, current_user, invoicing_service, payment_service, require_dispatcher
from fieldops.schemas import PaymentIn
from fieldops.services.invoicing import InvoicingService
from fieldops.services.payments import PaymentService


router = APIRouter(prefix="/invoices", tags=["invoices"])


@router.get("/{invoice_id}/pdf")
async def download_invoice_pdf(
    invoice_id: int,
    user: CurrentUser = Depends(current_user),
    service: InvoicingService = Depends(invoicing_service),
) -> Response:
    pdf = await service.pdf_bytes(user.account_id, invoice_id)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="invoice-{invoice_id}.pdf"'},
    )


@router.post("/{invoice_id}/issue")
async def issue_invoice(
    invoice_id: int,
    user: CurrentUser = Depends(require_dispatcher),
    service: InvoicingService = Depends(invoicing_service),
) -> dict:
    return await service.issue(user.account_id, invoice_id)


@router.post("/{invoice_id}/payments")
async def record_payment(
    invoice_id: int,
    body: PaymentIn,
    user: CurrentUser = Depends(require_dispatcher),
    service: InvoicingService = Depends(invoicing_service),
) -> dict:
    invoice = await service.record_manual_payment(invoice_id, body.amount)
    return {"id": invoice.id, "status": invoice.status, "amount_paid": str(invoice.amount_paid)}


payment_router = APIRouter(prefix="/payments", tags=["payments"])


@payment_router.post("/webhook", status_code=204)
async def payment_webhook(
    request: Request,
    x_signature: str = Header(default=""),
    service: PaymentService = Depends(payment_service),
) -> None:
    body = await request.body()
    await service.handle_webhook(body, x_signature)


@payment_router.post("/invoices/{invoice_id}/refund")
async def refund(
    invoice_id: int,
    amount: Decimal,
    user: CurrentUser = Depends(require_dispatcher),
    service: PaymentService = Depends(payment_service),
) -> dict:
    return await service.refund(invoice_id, amount)
