"""In-game store: catalogue, purchases through the payment provider, inventory."""
from __future__ import annotations

import logging
from typing import Any

from cachetools import TTLCache
from pydantic import BaseModel
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.assets import load_catalog_overrides
from svc.clients.payments import PaymentsClient
from svc.clients.platform import PlatformClient
from svc.config import Settings
from svc.db.models import AuditEntry, Player, Purchase, StoreItem
from svc.db.repositories import StoreRepository
from svc.errors import InsufficientItemsError, NotFoundError, PaymentDeclinedError

logger = logging.getLogger(__name__)

OFFERS_TTL_SECONDS = 300


class CatalogEntry(BaseModel):
    sku: str
    name: str
    kind: str
    base_price_cents: int
    price_cents: int
    currency: str
    badge: str | None = None
    sort_weight: int = 0

    @classmethod
    def from_item(cls, item: StoreItem, override: dict[str, Any] | None) -> CatalogEntry:
        override = override or {}
        return cls(
            sku=item.sku,
            name=item.name,
            kind=item.kind,
            base_price_cents=item.price_cents,
            price_cents=item.price_cents,
            currency=item.currency,
            badge=override.get("badge"),
            sort_weight=int(override.get("sort_weight", 0)),
        )


class CatalogCache:
    """Holds the active catalogue for a minute so the store page does not hit Postgres."""

    def __init__(self, ttl: float = 60.0) -> None:
        self._cache: TTLCache[str, list[CatalogEntry]] = TTLCache(maxsize=1, ttl=ttl)

    def get(self) -> list[CatalogEntry] | None:
        return self._cache.get("catalog")

    def put(self, entries: list[CatalogEntry]) -> None:
        self._cache["catalog"] = entries


class AuditTrail:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, actor_id: int | None, action: str, payload: dict[str, Any]) -> None:
        self.session.add(AuditEntry(actor_id=actor_id, action=action, payload=payload))
        await self.session.flush()


class StoreService:
    def __init__(
        self,
        session: AsyncSession,
        redis: Redis,
        cache: CatalogCache,
        payments: PaymentsClient,
        platform: PlatformClient,
        settings: Settings,
    ) -> None:
        self.session = session
        self.redis = redis
        self.repo = StoreRepository(session)
        self.cache = cache
        self.payments = payments
        self.platform = platform
        self.settings = settings
        self.audit = AuditTrail(session)

    async def _load_catalog(self) -> list[CatalogEntry]:
        items = await self.repo.active_items()
        overrides = load_catalog_overrides(self.settings.catalog_manifest_path)
        return [CatalogEntry.from_item(item, overrides.get(item.sku)) for item in items]

    async def catalog(self, region: str) -> list[CatalogEntry]:
        entries = self.cache.get()
        if entries is None:
            entries = await self._load_catalog()
            self.cache.put(entries)
        prices = await self.platform.regional_prices(region)
        for entry in entries:
            entry.price_cents = prices.get(entry.sku, entry.base_price_cents)
        return sorted(entries, key=lambda e: (-e.sort_weight, e.sku))

    async def offers(self, player: Player) -> list[str]:
        """Personalised offers; computed from inventory, cached per player."""
        key = f"offers:{player.id}"
        hit = await self.redis.get(key)
        if hit is not None:
            return hit.split(",") if hit else []
        owned = {inv.sku for inv in await self.repo.inventory_for(player.id)}
        items = await self.repo.active_items()
        offers = [item.sku for item in items if item.sku not in owned and item.kind == "bundle"][:6]
        await self.redis.set(key, ",".join(offers), ex=OFFERS_TTL_SECONDS)
        return offers

    async def purchase(self, player: Player, sku: str, quantity: int, idempotency_key: str) -> Purchase:
        item = await self.repo.get_item(sku)
        existing = await self.repo.get_purchase_by_key(idempotency_key)
        if existing is not None:
            return existing
        purchase = await self.repo.create_purchase(
            player_id=player.id, item=item, quantity=quantity, idempotency_key=idempotency_key
        )
        if purchase is None:
            purchase = await self.repo.get_purchase_by_key(idempotency_key)
            if purchase is None:
                raise NotFoundError("purchase vanished")
            return purchase
        await self.session.commit()

        try:
            charge = await self.payments.create_charge(
                player_id=player.id,
                amount_cents=purchase.amount_cents,
                currency=purchase.currency,
                idempotency_key=idempotency_key,
                description=f"{quantity} x {item.name}",
            )
        except PaymentDeclinedError:
            purchase.status = "declined"
            await self.session.commit()
            raise

        purchase.status = "captured"
        purchase.provider_ref = charge.id
        await self.repo.add_inventory(player.id, sku, quantity)
        self.audit.record(player.id, "purchase", {"sku": sku, "quantity": quantity, "charge": charge.id})
        await self.session.commit()
        logger.info("purchase %s captured for player %s", purchase.id, player.id)
        return purchase

    async def consume(self, player: Player, sku: str, quantity: int) -> int:
        row = await self.repo.lock_inventory(player.id, sku)
        if row is None or row.quantity < quantity:
            raise InsufficientItemsError(f"not enough {sku}")
        row.quantity -= quantity
        await self.audit.record(player.id, "consume", {"sku": sku, "quantity": quantity})
        await self.session.commit()
        return row.quantity

    def verify_webhook(self, body: bytes, signature: str) -> bool:
        return self.payments.verify_webhook(body, signature)

    async def handle_payment_event(self, event: dict[str, Any]) -> None:
        charge = event.get("data", {})
        purchase = await self.repo.by_provider_ref(charge.get("id", ""))
        if purchase is None:
            logger.info("webhook for unknown charge %s", charge.get("id"))
            return
        if event.get("type") == "charge.refunded" and purchase.status == "captured":
            inventory = await self.repo.lock_inventory(purchase.player_id, purchase.sku)
            if inventory is not None:
                inventory.quantity = max(0, inventory.quantity - purchase.quantity)
            purchase.status = "refunded"
            await self.audit.record(None, "refund", {"purchase": str(purchase.id)})
        await self.session.commit()
