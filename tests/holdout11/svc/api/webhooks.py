"""Storefront webhooks (order created / cancelled) and the admin backfill."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections import defaultdict, deque
from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from pydantic import BaseModel, Field

from svc.api.deps import RedisRateLimiter, backfill_limiter, order_import_service, settings_dep
from svc.config import Settings
from svc.errors import InvalidWebhookError
from svc.services.order_import import OrderImportService

router = APIRouter(prefix="/webhooks", tags=["webhooks"])
admin_router = APIRouter(prefix="/admin", tags=["admin"])

WEBHOOK_LIMIT_PER_MIN = 600
_shop_hits: dict[str, deque[float]] = defaultdict(deque)


class BackfillIn(BaseModel):
    refs: list[str] = Field(min_length=1, max_length=500)


def _allow(shop_id: str) -> bool:
    now = time.monotonic()
    hits = _shop_hits[shop_id]
    while hits and now - hits[0] > 60:
        hits.popleft()
    if len(hits) >= WEBHOOK_LIMIT_PER_MIN:
        return False
    hits.append(now)
    return True


@router.post("/{shop_id}/orders/create", status_code=202)
async def order_created(
    shop_id: str,
    request: Request,
    x_shop_hmac_sha256: str = Header(...),
    settings: Settings = Depends(settings_dep),
    service: OrderImportService = Depends(order_import_service),
) -> dict[str, Any]:
    if not _allow(shop_id):
        raise HTTPException(status_code=429, detail="webhook rate exceeded")
    body = await request.body()
    _verify(body, x_shop_hmac_sha256, settings.webhook_secret)
    order_id = await service.ingest(shop_id, json.loads(body))
    return {"order_id": order_id, "duplicate": order_id is None}


@router.post("/{shop_id}/orders/cancelled", status_code=202)
async def order_cancelled(
    shop_id: str,
    request: Request,
    x_shop_hmac_sha256: str = Header(...),
    settings: Settings = Depends(settings_dep),
    service: OrderImportService = Depends(order_import_service),
) -> dict[str, bool]:
    body = await request.body()
    _verify(body, signature=x_shop_hmac_sha256, secret=settings.webhook_secret)
    cancelled = await service.cancel(shop_id, str(json.loads(body)["id"]))
    return {"cancelled": cancelled}


@admin_router.post("/shops/{shop_id}/backfill", status_code=202)
async def backfill(
    shop_id: str,
    body: BackfillIn,
    limiter: RedisRateLimiter = Depends(backfill_limiter),
    service: OrderImportService = Depends(order_import_service),
) -> dict[str, int]:
    if not await limiter.hit(f"backfill:{shop_id}"):
        raise HTTPException(status_code=429, detail="backfill limit reached, try again later")
    results = await service.backfill(shop_id, body.refs)
    return {"imported": sum(1 for order_id in results if order_id is not None), "requested": len(body.refs)}


def _verify(body: bytes, signature: str, secret: str) -> None:
    expected = base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()
    if not hmac.compare_digest(expected, signature):
        raise InvalidWebhookError("webhook signature mismatch")
