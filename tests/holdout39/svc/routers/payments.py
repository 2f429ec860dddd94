"""PayCore webhooks."""
from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import settings
from svc.db.engine import get_session
from svc.repos.order_repo import OrderRepository
from svc.utils.security import verify_signature

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/webhooks", tags=["webhooks"])

EVENT_TTL_S = 7 * 24 * 3600


@router.post("/paycore")
async def paycore_webhook(
    request: Request,
    x_signature: str = Header(...),
    session: AsyncSession = Depends(get_session),
) -> dict:
    body = await request.body()
    if not verify_signature(settings.payments_webhook_secret, body, x_signature):
        logger.warning("rejected paycore webhook with bad signature from %s", request.client)
        raise HTTPException(status_code=400, detail="bad signature")
    event = json.loads(body)
    first_delivery = await request.app.state.redis.set(f"paycore:event:{event['id']}", "1", nx=True, ex=EVENT_TTL_S)
    if not first_delivery:
        return {"duplicate": True}
    payment = await OrderRepository(session).payment_by_ref(event["data"]["charge"])
    if payment is None:
        logger.error("paycore event %s for unknown charge %s", event["id"], event["data"]["charge"])
        return {"ignored": True}
    if event["type"] == "charge.captured":
        payment.status = "captured"
    elif event["type"] == "charge.refunded":
        payment.status = "refunded"
    await session.commit()
    return {"ok": True}
