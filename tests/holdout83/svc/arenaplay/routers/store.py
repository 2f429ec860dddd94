from __future__ import annotations

from fastapi import APIRouter, Depends

from arenaplay.dependencies import current_player_id, store_service, wallet_service
from arenaplay.schemas import PurchaseIn, TopUpIn
from arenaplay.services.store import StoreService
from arenaplay.services.wallet import WalletService

router = APIRouter(prefix="/store", tags=["store"])


@router.get("/catalog")
async def catalog(svc: StoreService = Depends(store_service)) -> dict:
    return await svc.catalog()


@router.get("/price/{item_id}")
async def price(item_id: str, currency: str = "EUR", svc: StoreService = Depends(store_service)) -> dict:
    return {"item_id": item_id, "currency": currency, "price": await svc.regional_price(item_id, currency)}


@router.post("/purchase")
async def purchase(body: PurchaseIn, player_id: int = Depends(current_player_id),
                   svc: StoreService = Depends(store_service)) -> dict:
    return await svc.purchase_item(player_id, body)


@router.post("/bundles/{bundle_id}")
async def buy_bundle(bundle_id: str, idempotency_key: str, player_id: int = Depends(current_player_id),
                     svc: StoreService = Depends(store_service)) -> dict:
    return await svc.purchase_bundle(player_id, bundle_id, idempotency_key)


@router.post("/topup")
async def top_up(body: TopUpIn, player_id: int = Depends(current_player_id),
                 svc: StoreService = Depends(store_service)) -> dict:
    return await svc.top_up(player_id, body)


@router.get("/wallet")
async def wallet(player_id: int = Depends(current_player_id), svc: WalletService = Depends(wallet_service)) -> dict:
    return {"balance": await svc.balance(player_id)}


@router.post("/wallet/daily")
async def daily(player_id: int = Depends(current_player_id), svc: WalletService = Depends(wallet_service)) -> dict:
    return {"balance": await svc.grant_daily_bonus(player_id)}
