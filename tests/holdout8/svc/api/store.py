"""Store, wallet, inventory and season-reward endpoints."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter, Depends, Header, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import (
    current_player_id,
    get_catalog,
    get_inventory_service,
    get_purchases,
    get_season_rewards,
    get_session,
    get_wallets,
)
from svc.clients.catalog import CatalogClient, Offer
from svc.config import get_settings
from svc.db.inventory_repo import InventoryRepository
from svc.db.wallet_repo import WalletRepository
from svc.errors import AuthError, RateLimitedError
from svc.services.inventory import InventoryItemOut, InventoryService, ItemDefinitionOut
from svc.services.purchases import PurchaseResult, PurchaseService
from svc.services.seasons import SeasonRewardsService

router = APIRouter(tags=["store"])

_recent_purchase_attempts: dict[int, deque[float]] = defaultdict(deque)


async def purchase_rate_limit(player_id: int = Depends(current_player_id)) -> int:
    limit = get_settings().purchase_rate_limit_per_minute
    window = _recent_purchase_attempts[player_id]
    now = time.monotonic()
    while window and now - window[0] > 60.0:
        window.popleft()
    if len(window) >= limit:
        raise RateLimitedError("too many purchase attempts")
    window.append(now)
    return player_id


class GemPurchaseIn(BaseModel):
    pack_id: str


class GiftIn(BaseModel):
    receiver_id: int
    amount: int = Field(gt=0, le=10_000)


class SalvageIn(BaseModel):
    definition_id: str
    quantity: int = Field(gt=0, le=100)


@router.get("/store/offers")
async def list_offers(region: str = "eu-west", catalog: CatalogClient = Depends(get_catalog)) -> list[Offer]:
    return await catalog.offers(region)


@router.get("/store/featured")
async def featured_offers(region: str = "eu-west", catalog: CatalogClient = Depends(get_catalog)) -> list[Offer]:
    return await catalog.featured(region)


@router.post("/store/gems")
async def buy_gems(
    body: GemPurchaseIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", max_length=64),
    player_id: int = Depends(purchase_rate_limit),
    purchases: PurchaseService = Depends(get_purchases),
) -> PurchaseResult:
    return await purchases.buy_gems(player_id, body.pack_id, idempotency_key)


@router.post("/store/offers/{offer_id}/buy")
async def buy_offer(
    offer_id: str,
    region: str = "eu-west",
    player_id: int = Depends(purchase_rate_limit),
    purchases: PurchaseService = Depends(get_purchases),
    session: AsyncSession = Depends(get_session),
) -> dict[str, list[str]]:
    items = await purchases.buy_offer(player_id, offer_id, region, InventoryRepository(session))
    await session.commit()
    return {"granted": items}


@router.post("/wallet/gift")
async def gift_gems(
    body: GiftIn, player_id: int = Depends(current_player_id), purchases: PurchaseService = Depends(get_purchases)
) -> dict[str, int]:
    return {"balance": await purchases.gift(player_id, body.receiver_id, body.amount)}


@router.get("/wallet/history")
async def purchase_history(
    before: datetime | None = None,
    limit: int = Query(25, le=100),
    player_id: int = Depends(current_player_id),
    wallets: WalletRepository = Depends(get_wallets),
) -> list[dict[str, Any]]:
    rows = await wallets.history(player_id, before or datetime.now(timezone.utc), limit)
    return [dict(row) for row in rows]


@router.post("/payments/webhook", status_code=204)
async def payment_webhook(
    request: Request,
    signature: str = Header(..., alias="X-Signature"),
    purchases: PurchaseService = Depends(get_purchases),
) -> None:
    body = await request.body()
    if not request.app.state.payments.verify_webhook(body, signature):
        raise AuthError("bad webhook signature")
    await purchases.handle_webhook(await request.json())


@router.get("/inventory")
async def my_inventory(
    player_id: int = Depends(current_player_id), inventory: InventoryService = Depends(get_inventory_service)
) -> list[InventoryItemOut]:
    return await inventory.list_inventory(player_id)


@router.get("/inventory/export")
async def export_inventory(
    player_id: int = Depends(current_player_id), inventory: InventoryService = Depends(get_inventory_service)
) -> dict[str, str]:
    return await inventory.export_names(player_id)


@router.get("/inventory/loadout/options/{slot}")
async def loadout_options(
    slot: str,
    player_id: int = Depends(current_player_id),
    inventory: InventoryService = Depends(get_inventory_service),
) -> list[ItemDefinitionOut]:
    return await inventory.loadout_options(player_id, slot)


@router.post("/inventory/equip/{definition_id}", status_code=204)
async def equip_item(
    definition_id: str,
    player_id: int = Depends(current_player_id),
    inventory: InventoryService = Depends(get_inventory_service),
) -> None:
    await inventory.equip(player_id, definition_id)


@router.post("/inventory/salvage")
async def salvage_item(
    body: SalvageIn,
    player_id: int = Depends(current_player_id),
    inventory: InventoryService = Depends(get_inventory_service),
) -> dict[str, int]:
    return {"gems": await inventory.salvage(player_id, body.definition_id, body.quantity)}


@router.post("/seasons/{season_id}/claim")
async def claim_season_reward(
    season_id: int,
    player_id: int = Depends(current_player_id),
    rewards: SeasonRewardsService = Depends(get_season_rewards),
    session: AsyncSession = Depends(get_session),
) -> dict[str, str]:
    tier = await rewards.claim_reward(player_id, season_id, InventoryRepository(session))
    await session.commit()
    return {"tier": tier}


@router.get("/seasons/{season_id}/preview")
async def preview_reward(
    season_id: int,
    mode: str = "ranked",
    player_id: int = Depends(current_player_id),
    rewards: SeasonRewardsService = Depends(get_season_rewards),
) -> dict[str, str | None]:
    return {"tier": await rewards.preview_tier(season_id, mode, player_id)}
