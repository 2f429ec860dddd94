"""Checkout, provider webhook and refund routes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Header, Request

from svc.api.deps import current_principal, payment_service, require_admin
from svc.clients.identity import Principal
from svc.services.payments import PaymentService

router = APIRouter(prefix="/api/payments", tags=["payments"])


@router.post("/checkout/{course_id}")
async def checkout(
    course_id: int,
    principal: Principal = Depends(current_principal),
    payments: PaymentService = Depends(payment_service),
) -> dict:
    return {"redirect_url": await payments.start_checkout(principal.user_id, course_id)}


@router.post("/webhooks/paystream")
async def paystream_webhook(
    request: Request,
    paystream_signature: str = Header(...),
    payments: PaymentService = Depends(payment_service),
) -> dict:
    event = payments.verify_signature(await request.body(), paystream_signature)
    return {"result": await payments.handle_event(event)}


@router.post("/{payment_id}/refund")
async def refund(
    payment_id: int,
    _: Principal = Depends(require_admin),
    payments: PaymentService = Depends(payment_service),
) -> dict:
    return {"refund_id": await payments.refund(payment_id)}
