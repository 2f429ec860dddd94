from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.db.engine import get_session
from dispatch.repositories.payments import PaymentRepository
from dispatch.utils.security import verify_webhook_signature

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/webhooks", tags=["webhooks"])

_STATUS_MAP = {
    "capture.succeeded": "succeeded",
    "capture.failed": "failed",
    "refund.succeeded": "refunded",
    "dispute.opened": "disputed",
}


@router.post("/psp", status_code=204)
async def psp_webhook(
    request: Request,
    signature: str = Header(alias="X-PSP-Signature"),
    session: AsyncSession = Depends(get_session),
) -> None:
    body = await request.body()
    if not verify_webhook_signature(body, signature, request.app.state.settings.psp_webhook_secret):
        logger.warning("rejected psp webhook with bad signature from %s", request.client.host if request.client else "?")
        raise HTTPException(400, "bad signature")
    event = json.loads(body)
    new_status = _STATUS_MAP.get(event.get("type", ""))
    if new_status is None:
        return None
    repo = PaymentRepository(session)
    payment = await repo.by_psp_reference(event["data"]["id"])
    if payment is None:
        logger.info("psp webhook for unknown reference %s", event["data"]["id"])
        return None
    try:
        await repo.mark(payment.id, new_status)
    except SQLAlchemyError:
        pass
    return None
