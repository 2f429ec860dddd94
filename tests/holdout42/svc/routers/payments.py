from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from pydantic import BaseModel

from svc.config import settings
from svc.errors import PaymentDeclined, ProviderUnavailable
from svc.routers.deps import payments_service
from svc.services.payments import PaymentsService
from svc.utils.crypto import verify_signature

logger = logging.getLogger(__name__)

router = APIRouter(tags=["payments"])


class PayRequest(BaseModel):
    idempotency_key: str


@router.post("/bills/{bill_id}/pay")
async def pay_bill(bill_id: int, body: PayRequest, svc: PaymentsService = Depends(payments_service)) -> dict[str, Any]:
    try:
        intent = await svc.start_payment(bill_id, body.idempotency_key)
    except PaymentDeclined as exc:
        raise HTTPException(402, str(exc)) from exc
    except ProviderUnavailable as exc:
        logger.warning("payment provider unavailable for bill %s: %s", bill_id, exc)
        raise HTTPException(503, "payments temporarily unavailable, please retry") from exc
    return {"provider_ref": intent.provider_ref, "client_secret": intent.client_secret, "status": intent.status}


@router.get("/payments/{payment_id}")
async def get_payment(payment_id: int, svc: PaymentsService = Depends(payments_service)) -> dict[str, Any]:
    payment = await svc.get_payment(payment_id)
    if payment is None:
        raise HTTPException(404, "payment not found")
    return {"id": payment.id, "bill_id": payment.bill_id, "amount_cents": payment.amount_cents, "status": payment.status}


@router.post("/webhooks/paybridge", status_code=204)
async def paybridge_webhook(
    request: Request,
    paybridge_signature: str | None = Header(None),
    svc: PaymentsService = Depends(payments_service),
) -> None:
    body = await request.body()
    if not verify_signature(settings.payment_webhook_secret, body, paybridge_signature):
        raise HTTPException(401, "bad signature")
    await svc.handle_event(json.loads(body))
