from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from ..container import Container
from ..deps import get_container
from ..utils.crypto import verify_webhook_signature

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


@router.post("/payrail", status_code=204)
async def payrail_webhook(
    request: Request,
    signature: str = Header(alias="Payrail-Signature"),
    container: Container = Depends(get_container),
) -> None:
    body = await request.body()
    if not verify_webhook_signature(container.settings.gateway_webhook_secret, body, signature):
        logger.warning("rejected payrail webhook with bad signature from %s", request.client)
        raise HTTPException(status_code=400, detail="bad signature")
    event = json.loads(body)
    seen_key = f"webhook:seen:{event['id']}"
    first_delivery = await container.redis.set(seen_key, 1, nx=True, ex=86400)
    if not first_delivery:
        return
    try:
        await container.donation_service.handle_gateway_event(event)
    except Exception:
        # Let Payrail redeliver: forget that we saw this event, then fail the request.
        await container.redis.delete(seen_key)
        raise
