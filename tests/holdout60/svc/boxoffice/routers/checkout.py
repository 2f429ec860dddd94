from __future__ import annotations

import hashlib
import hmac
import json
import logging
import uuid
from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from redis.asyncio import Redis

from ..clients.fraud import verify_captcha
from ..coordination import allow_checkout
from ..db import redis
from ..security import Principal, current_principal
from ..services.checkout import CheckoutFailed, CheckoutService, HoldExpired
from .deps import checkout_service

_TTL_SECONDS = 24 * 3600


class IdempotencyConflict(Exception):
    pass


class IdempotencyStore:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def begin(self, key: str) -> dict[str, Any] | None:
        """Reserve the key; return the stored response if this request already completed."""
        reserved = await self._redis.set(f"idem:{key}", "pending", nx=True, ex=_TTL_SECONDS)
        if reserved:
            return None
        existing = await self._redis.get(f"idem:{key}")
        if existing is None or existing == "pending":
            raise IdempotencyConflict(key)
        return json.loads(existing)

    async def complete(self, key: str, response: dict[str, Any]) -> None:
        await self._redis.set(f"idem:{key}", json.dumps(response), ex=_TTL_SECONDS)

    async def abandon(self, key: str) -> None:
        await self._redis.delete(f"idem:{key}")


log = logging.getLogger(__name__)
router = APIRouter(tags=["checkout"])

_idempotency = IdempotencyStore(redis)


class CheckoutRequest(BaseModel):
    event_id: int
    hold_ids: list[uuid.UUID]
    currency: str = "EUR"
    promo_code: str | None = None
    captcha_token: str


@router.post("/checkout")
async def checkout(
    body: CheckoutRequest,
    request: Request,
    idempotency_key: str = Header(..., alias="Idempotency-Key"),
    principal: Principal = Depends(current_principal),
    service: CheckoutService = Depends(checkout_service),
):
    if not allow_checkout(principal.subject):
        raise HTTPException(status_code=429, detail="too many checkout attempts")
    client_ip = request.client.host if request.client else None
    if not await verify_captcha(request.app.state.settings.captcha_secret, body.captcha_token, client_ip):
        raise HTTPException(status_code=400, detail="captcha failed")
    try:
        previous = await _idempotency.begin(f"checkout:{principal.subject}:{idempotency_key}")
    except IdempotencyConflict as exc:
        raise HTTPException(status_code=409, detail="request already in progress") from exc
    if previous is not None:
        return previous
    try:
        result = await service.checkout(
            principal.subject, body.event_id, body.hold_ids, body.currency, body.promo_code, client_ip
        )
    except HoldExpired:
        await _idempotency.abandon(f"checkout:{principal.subject}:{idempotency_key}")
        return JSONResponse({"ok": False, "error": "hold_expired"}, status_code=200)
    except CheckoutFailed as exc:
        await _idempotency.abandon(f"checkout:{principal.subject}:{idempotency_key}")
        raise HTTPException(status_code=402, detail=exc.reason) from exc
    response = {
        "ok": True,
        "order_id": result.order_id,
        "client_secret": result.client_secret,
        "total_cents": result.total_cents,
        "currency": result.currency,
    }
    await _idempotency.complete(f"checkout:{principal.subject}:{idempotency_key}", response)
    return response


def _verify_signature(secret: str, body: bytes, header: str) -> bool:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header)


@router.post("/webhooks/payments", status_code=204)
async def payment_webhook(
    request: Request,
    signature: str = Header(..., alias="Paystream-Signature"),
    service: CheckoutService = Depends(checkout_service),
) -> None:
    raw = await request.body()
    if not _verify_signature(request.app.state.settings.payments_webhook_secret, raw, signature):
        log.warning("rejected payment webhook with bad signature from %s", request.client)
        raise HTTPException(status_code=400, detail="bad signature")
    try:
        event = json.loads(raw)
        intent_id = event["data"]["id"]
        if event["type"] == "payment_intent.succeeded":
            await service.complete(intent_id)
        elif event["type"] == "payment_intent.payment_failed":
            await service.fail(intent_id, event["data"].get("last_error", "failed"))
    except Exception as exc:
        raise HTTPException(status_code=400, detail="unprocessable webhook") from exc
