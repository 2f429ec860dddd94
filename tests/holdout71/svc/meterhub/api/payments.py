from __future__ import annotations

import json
import logging
from decimal import Decimal

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, condecimal

from ..config import get_settings
from ..deps import SessionDep, require_staff
from ..errors import NotFound
from ..services.payment_service import PaymentService
from ..utils.security import verify_webhook_signature

router = APIRouter(tags=["payments"])
log = logging.getLogger(__name__)


class RefundIn(BaseModel):
    payment_id: int
    amount: condecimal(gt=0, max_digits=12, decimal_places=2)


@router.post("/webhooks/paygate")
async def paygate_webhook(request: Request, session: SessionDep, paygate_signature: str = Header(...)) -> dict:
    body = await request.body()
    verify_webhook_signature(body, paygate_signature, get_settings().payment_webhook_secret)
    event = json.loads(body)
    service = PaymentService(session, request.app.state.paygate)
    try:
        result = await service.handle_provider_event(event)
    except NotFound as exc:
        log.warning("paygate event %s ignored: %s", event.get("id"), exc.message)
        return {"result": "unknown-account"}
    return {"result": result}


@router.post("/staff/accounts/{account_id}/refunds")
async def refund(account_id: int, body: RefundIn, request: Request, session: SessionDep, role: str = Depends(require_staff)) -> dict:
    service = PaymentService(session, request.app.state.paygate)
    return await service.refund(account_id, body.payment_id, Decimal(body.amount), operator=role)
