from __future__ import annotations

import json
import logging
from typing import Any

import asyncpg
import httpx
from redis.asyncio import Redis

from arenaplay.clients.payments import PaymentDeclined, PaymentsClient
from arenaplay.errors import InsufficientFundsError, UnknownItemError
from arenaplay.repositories.store import StoreRepository
from arenaplay.repositories.wallet import WalletRepository
from arenaplay.schemas import PurchaseIn, TopUpIn

logger = logging.getLogger(__name__)

CATALOG_KEY = "store:catalog"
TOPUP_PACKAGES = {"coins_500": (500, 499), "coins_1200": (1200, 999), "coins_2600": (2600, 1999)}
FX_URL = "https://fx.internal.example/v1/rates"


class StoreService:
    def __init__(self, store: StoreRepository, wallet: WalletRepository, payments: PaymentsClient,
                 redis: Redis) -> None:
        self._store = store
        self._wallet = wallet
        self._payments = payments
        self._redis = redis

    async def catalog(self) -> dict[str, dict[str, Any]]:
        cached = await self._redis.get(CATALOG_KEY)
        if cached:
            return json.loads(cached)
        items = await self._store.list_active()
        catalog = {i.id: {"name": i.name, "category": i.category, "price": i.price} for i in items}
        await self._redis.set(CATALOG_KEY, json.dumps(catalog))
        return catalog

    async def update_price(self, item_id: str, price: int) -> None:
        await self._store.set_price(item_id, price)
        logger.info("price of %s set to %d", item_id, price)

    async def regional_price(self, item_id: str, currency: str) -> float:
        catalog = await self.catalog()
        base = catalog[item_id]["price"]
        async with httpx.AsyncClient(timeout=5) as client:
            resp = await client.get(FX_URL, params={"base": "COIN", "symbols": currency})
            resp.raise_for_status()
        return round(base * resp.json()["rates"][currency], 2)

    async def purchase_item(self, player_id: int, data: PurchaseIn) -> dict[str, Any]:
        catalog = await self.catalog()
        try:
            item = catalog[data.item_id]
        except KeyError:
            raise UnknownItemError(data.item_id)
        total = item["price"] * data.quantity
        balance = await self._wallet.get_balance(player_id)
        if balance < total:
            raise InsufficientFundsError(f"need {total}, have {balance}")
        await self._wallet.set_balance(player_id, balance - total)
        await self._store.grant(player_id, data.item_id, data.quantity, total, data.idempotency_key)
        logger.info("player %s bought %dx %s", player_id, data.quantity, data.item_id)
        return {"item_id": data.item_id, "quantity": data.quantity, "balance": balance - total}

    async def purchase_bundle(self, player_id: int, bundle_id: str, idempotency_key: str) -> dict[str, Any]:
        bundle = await self._store.get_item(bundle_id)
        if bundle is None or bundle.category != "bundle":
            raise UnknownItemError(bundle_id)
        remaining = await self._wallet.debit(player_id, bundle.price, "bundle", idempotency_key)
        if remaining is None:
            raise InsufficientFundsError(bundle_id)
        await self._store.grant(player_id, bundle_id, 1, bundle.price, idempotency_key)
        return {"item_id": bundle_id, "balance": remaining}

    async def top_up(self, player_id: int, data: TopUpIn) -> dict[str, Any]:
        if data.package_id not in TOPUP_PACKAGES:
            raise UnknownItemError(data.package_id)
        coins, cents = TOPUP_PACKAGES[data.package_id]
        try:
            charge = await self._payments.charge(player_id, cents, data.payment_method, data.idempotency_key)
        except PaymentDeclined as exc:
            logger.info("top-up declined for %s: %s", player_id, exc.reason)
            return {"status": "declined", "reason": exc.reason}
        balance = None
        try:
            balance = await self._wallet.credit(player_id, coins, "topup", charge["id"])
        except asyncpg.PostgresError:
            pass
        return {"status": "ok", "charge_id": charge["id"], "balance": balance}
