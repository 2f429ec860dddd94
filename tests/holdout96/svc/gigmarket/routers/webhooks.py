from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Depends, HTTPException, Header, Request

from ..dependencies import escrow_service, identity_service
from ..services.accounts import IdentityService
from ..services.escrow import EscrowService


router = APIRouter(prefix="/webhooks", tags=["webhooks"])
logger = logging.getLogger(__name__)

EVENT_TTL_SECONDS = 7 * 24 * 3600


@router.post("/payments")
async def payments_webhook(
    request: Request,
    stripe_signature: str = Header(..., alias="Payproc-Signature"),
    escrow: EscrowService = Depends(escrow_service),
) -> dict[str, bool]:
    payload = await request.body()
    if not request.app.state.payments.verify_signature(payload, stripe_signature):
        raise HTTPException(status_code=400, detail="bad signature")
    event = json.loads(payload)
    redis = request.app.state.redis
    seen_key = f"webhook:payments:{event['id']}"
    if await redis.exists(seen_key):
        return {"received": True}
    try:
        if event["type"] == "payment_intent.succeeded":
            await escrow.on_payment_succeeded(event["data"]["object"]["id"])
        elif event["type"] == "payment_intent.payment_failed":
            logger.warning("funding failed for intent %s", event["data"]["object"]["id"])
    except Exception as exc:
        logger.warning("payment webhook %s not applied: %s", event["id"], exc)
    await redis.set(seen_key, "1", ex=EVENT_TTL_SECONDS)
    return {"received": True}


@router.post("/kyc")
async def kyc_webhook(request: Request, identity: IdentityService = Depends(identity_service)) -> dict[str, bool]:
    body = await request.json()
    redis = request.app.state.redis
    first_delivery = await redis.set(f"webhook:kyc:{body['event_id']}", "1", nx=True, ex=EVENT_TTL_SECONDS)
    if not first_delivery:
        return {"received": True}
    await identity.apply_provider_result(body["check_id"], body["outcome"])
    return {"received": True}
