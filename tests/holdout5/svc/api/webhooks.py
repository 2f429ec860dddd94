"""Payment provider webhooks."""
from __future__ import annotations

import hashlib
import hmac
import logging

from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import BaseModel

from svc.api.deps import SessionDep
from svc.config import settings
from svc.db.models import PaymentStatus
from svc.db.repositories import payments as payments_repo

log = logging.getLogger(__name__)

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


class ProviderEvent(BaseModel):
    id: str
    type: str
    charge_id: str
    amount: int


def _verify(body: bytes, signature: str) -> bool:
    expected = hmac.new(settings.webhook_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


@router.post("/payments")
async def payment_event(request: Request, session: SessionDep, x_signature: str = Header("")) -> dict[str, str]:
    body = await request.body()
    if not _verify(body, x_signature):
        raise HTTPException(400, "bad signature")
    event = ProviderEvent.model_validate_json(body)
    payment = await payments_repo.by_provider_ref(session, event.charge_id)
    if payment is None:
        log.warning("webhook %s for unknown charge %s", event.id, event.charge_id)
        return {"status": "ignored"}
    try:
        if event.type == "charge.refunded":
            payment.status = PaymentStatus.REFUNDED
        elif event.type == "charge.failed":
            payment.status = PaymentStatus.FAILED
        await session.commit()
    except Exception:
        log.exception("failed to apply webhook %s", event.id)
        await session.rollback()
        raise
    return {"status": "ok"}
