"""Store endpoints and the payment provider webhook."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from svc.config import Settings
from svc.db.models import Player
from svc.deps import current_player, get_settings, store_service
from svc.errors import AuthError, RateLimitedError
from svc.services.store import CatalogEntry, StoreService

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/store", tags=["store"])


class PurchaseRequest(BaseModel):
    sku: str
    quantity: int = Field(1, ge=1, le=100)


class ConsumeRequest(BaseModel):
    quantity: int = Field(1, ge=1, le=100)


@router.get("/catalog", response_model=list[CatalogEntry])
async def catalog(
    player: Player = Depends(current_player), store: StoreService = Depends(store_service)
) -> list[CatalogEntry]:
    return await store.catalog(player.region)


@router.get("/offers")
async def offers(player: Player = Depends(current_player), store: StoreService = Depends(store_service)) -> dict:
    return {"offers": await store.offers(player)}


@router.get("/terms", response_class=PlainTextResponse)
def store_terms(settings: Settings = Depends(get_settings)) -> str:
    return Path(settings.terms_path).read_text(encoding="utf-8")


@router.post("/purchases", status_code=201)
async def purchase(
    body: PurchaseRequest,
    request: Request,
    idempotency_key: str = Header(..., alias="Idempotency-Key", min_length=8, max_length=64),
    player: Player = Depends(current_player),
    store: StoreService = Depends(store_service),
) -> dict:
    limiter = request.app.state.purchase_limiter
    if not await limiter.hit(f"player:{player.id}", request.app.state.settings.purchase_rate_per_minute):
        raise RateLimitedError("too many purchase attempts")
    result = await store.purchase(player, body.sku, body.quantity, idempotency_key)
    return {"purchase_id": str(result.id), "status": result.status}


@router.post("/items/{sku}/consume")
async def consume(
    sku: str,
    body: ConsumeRequest,
    player: Player = Depends(current_player),
    store: StoreService = Depends(store_service),
) -> dict:
    remaining = await store.consume(player, sku, body.quantity)
    return {"sku": sku, "remaining": remaining}


@router.post("/webhooks/payments", status_code=204)
async def payment_webhook(
    request: Request,
    signature: str = Header(..., alias="X-Signature"),
    store: StoreService = Depends(store_service),
) -> None:
    body = await request.body()
    if not store.verify_webhook(body, signature):
        raise AuthError("bad webhook signature")
    await store.handle_payment_event(json.loads(body))
