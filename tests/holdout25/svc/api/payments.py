"""Fee payment endpoints and the provider webhook."""
from __future__ import annotations

import hashlib
import hmac
from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from svc.api.deps import Principal, current_principal, payment_service
from svc.config import get_settings
from svc.services.payments import PaymentService

router = APIRouter(prefix="/payments", tags=["payments"])


@router.post("/permits/{permit_id}/checkout")
async def checkout(
    permit_id: int,
    principal: Principal = Depends(current_principal),
    service: PaymentService = Depends(payment_service),
) -> dict[str, Any]:
    intent = await service.start_checkout(permit_id, principal.subject_id)
    return {"checkout_url": intent.checkout_url, "reference": intent.provider_ref}


@router.post("/webhook", status_code=204)
async def provider_webhook(
    request: Request,
    x_paycity_signature: str = Header(...),
    service: PaymentService = Depends(payment_service),
) -> None:
    body = await request.body()
    expected = hmac.new(get_settings().payments_api_key.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, x_paycity_signature):
        raise HTTPException(status_code=401, detail="bad signature")
    event = await request.json()
    await service.apply_webhook(event["data"]["id"], event["data"]["status"])


@router.post("/{provider_ref}/refresh")
async def refresh_payment(
    provider_ref: str,
    _: Principal = Depends(current_principal),
    service: PaymentService = Depends(payment_service),
) -> dict[str, Any]:
    return {"status": await service.refresh(provider_ref)}
