from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Header, HTTPException, Request, status
from pydantic import BaseModel, Field

from svc.db.engine import sessionmaker
from svc.clients.escrow import PaymentError
from svc.repos.payouts import PayoutRepo
from svc.routers.deps import SessionDep, UserDep
from svc.services.payments import WebhookService, verify_signature

log = logging.getLogger(__name__)
router = APIRouter(prefix="/payments", tags=["payments"])


@router.post("/webhook")
async def escrow_webhook(request: Request, x_signature: str = Header(default="")) -> dict:
    body = await request.body()
    if not verify_signature(body, x_signature):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature")
    try:
        event = json.loads(body)
    except json.JSONDecodeError as exc:
        log.warning("webhook with invalid JSON (%d bytes)", len(body))
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "invalid json") from exc
    service = WebhookService(sessionmaker(), request.app.state.redis)
    try:
        handled = await service.handle(event)
    except LookupError as exc:
        log.error("webhook for unknown hold %s event=%s", exc, event.get("id"))
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown hold") from exc
    return {"handled": handled}


class DisputeIn(BaseModel):
    reason: str = Field(min_length=10, max_length=2000)
    evidence_urls: list[str] = Field(default_factory=list, max_length=10)


@router.post("/lots/{lot_id}/dispute", status_code=status.HTTP_202_ACCEPTED)
async def open_dispute(lot_id: int, body: DisputeIn, request: Request, session: SessionDep, user: UserDep) -> dict:
    payment = await PayoutRepo(session).payment_for_lot(lot_id)
    if payment is None or payment.buyer_id != user["sub"] or payment.provider_ref is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no payment for this lot")
    escrow = request.app.state.escrow
    try:
        dispute_id = await escrow.open_dispute(payment.provider_ref, body.reason, body.evidence_urls)
    except PaymentError as exc:
        log.error("dispute for lot %s failed: %s", lot_id, exc)
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, "payment provider unavailable") from exc
    payment.status = "disputed"
    await session.commit()
    return {"dispute": dispute_id}
