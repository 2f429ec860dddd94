"""Gem purchases through the payment provider, and gem spending on store offers."""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

from pydantic import BaseModel

from svc import errors
from svc.clients.catalog import CatalogClient
from svc.clients.payments import PaymentClient
from svc.config import Settings
from svc.db.inventory_repo import InventoryRepository
from svc.db.wallet_repo import WalletRepository
from svc.storage import write_receipt

logger = logging.getLogger(__name__)


class PurchaseResult(BaseModel):
    purchase_id: uuid.UUID
    status: str
    gems: int


class PurchaseService:
    def __init__(
        self, settings: Settings, wallets: WalletRepository, payments: PaymentClient, catalog: CatalogClient
    ) -> None:
        self._settings = settings
        self._wallets = wallets
        self._payments = payments
        self._catalog = catalog
        self._wallet_lock = asyncio.Lock()

    def _archive_receipt(self, purchase_id: uuid.UUID, receipt: dict[str, Any]) -> None:
        write_receipt(self._settings.receipts_dir, purchase_id, receipt)

    async def buy_gems(self, player_id: int, pack_id: str, idempotency_key: str) -> PurchaseResult:
        pack = await self._catalog.gem_pack(pack_id)
        purchase_id = await self._wallets.record_purchase(
            player_id=player_id,
            offer_id=pack.id,
            gems=pack.gems,
            amount_cents=pack.price_cents,
            currency=pack.currency,
            idempotency_key=idempotency_key,
        )
        if purchase_id is None:
            existing = await self._wallets.by_idempotency_key(idempotency_key)
            return PurchaseResult(purchase_id=existing["id"], status=existing["status"], gems=existing["gems"])

        intent = await self._payments.authorize(
            player_id=player_id, amount_cents=pack.price_cents, currency=pack.currency, idempotency_key=idempotency_key
        )
        if intent.status == "declined":
            raise errors.PaymentRejectedError("payment was declined", details={"pack_id": pack_id})
        await self._wallets.attach_intent(purchase_id, intent.id)

        async with self._wallet_lock:
            captured = await self._payments.capture(intent.id, idempotency_key)
            await self._wallets.credit_purchase(purchase_id, captured.transaction_id or captured.id)

        self._archive_receipt(
            purchase_id,
            {"player_id": player_id, "pack": pack.model_dump(), "intent": captured.model_dump()},
        )
        return PurchaseResult(purchase_id=purchase_id, status="settled", gems=pack.gems)

    async def buy_offer(self, player_id: int, offer_id: str, region: str, inventory: InventoryRepository) -> list[str]:
        offers = await self._catalog.offers(region)
        offer = next((candidate for candidate in offers if candidate.id == offer_id), None)
        if offer is None:
            raise errors.NotFoundError("offer not available", details={"offer_id": offer_id})
        await self._wallets.spend(player_id, offer.gem_price)
        for item_id in offer.item_ids:
            await inventory.grant(player_id, item_id)
        return offer.item_ids

    async def gift(self, sender_id: int, receiver_id: int, amount: int) -> int:
        if sender_id == receiver_id or amount <= 0:
            raise errors.ConflictError("invalid gift")
        return await self._wallets.transfer_gift(sender_id, receiver_id, amount)

    async def handle_webhook(self, event: dict[str, Any]) -> None:
        data = event.get("data", {})
        if event.get("type") == "charge.refunded":
            purchase = await self._wallets.by_provider_txn(data["transaction_id"])
            if purchase is None:
                logger.warning("refund for unknown transaction %s", data.get("transaction_id"))
                return
            await self._wallets.apply_refund(purchase["id"])
        elif event.get("type") == "intent.succeeded":
            purchase = await self._wallets.by_intent(data["intent_id"])
            if purchase is not None:
                await self._wallets.credit_purchase(purchase["id"], data["transaction_id"])

    async def refund(self, purchase_id: uuid.UUID, intent_id: str, amount_cents: int) -> None:
        await self._payments.refund(intent_id, amount_cents)
        await self._wallets.apply_refund(purchase_id)
