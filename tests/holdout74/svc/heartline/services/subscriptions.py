"""Premium entitlements, kept in sync with App Store and Play Store notifications."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from ..cache import RedisCache, premium_key
from ..clients.stores import AppStoreClient, PlayStoreClient
from ..errors import PaymentRequired
from ..models.billing import Subscription
from ..repositories.subscriptions import SubscriptionRepository
from ..utils.common import utcnow

log = logging.getLogger(__name__)

RENEWAL_EVENTS = frozenset({"SUBSCRIBED", "DID_RENEW", "DID_RECOVER", "OFFER_REDEEMED"})
ENDING_EVENTS = {"EXPIRED": "expired", "GRACE_PERIOD_EXPIRED": "expired", "REFUND": "refunded", "REVOKE": "revoked"}
GOOGLE_ACTIVE_STATES = ("SUBSCRIPTION_STATE_ACTIVE", "SUBSCRIPTION_STATE_IN_GRACE_PERIOD")
PREMIUM_CACHE_SECONDS = 300


@dataclass(frozen=True)
class StoreEvent:
    provider: str
    event: str
    user_id: int
    product_id: str
    original_tx: str
    expires_at: datetime


def _from_millis(value: str | int) -> datetime:
    return datetime.fromtimestamp(int(value) / 1000, tz=timezone.utc)


class SubscriptionService:
    def __init__(
        self,
        repo: SubscriptionRepository,
        appstore: AppStoreClient,
        playstore: PlayStoreClient,
        cache: RedisCache,
    ) -> None:
        self.repo = repo
        self.appstore = appstore
        self.playstore = playstore
        self.cache = cache

    async def is_premium(self, user_id: int) -> bool:
        key = premium_key(user_id)
        cached = await self.cache.get_json(key)
        if cached is not None:
            return bool(cached)
        subscription = await self.repo.active_for(user_id)
        entitled = subscription is not None and self._entitled(subscription)
        await self.cache.set_json(key, entitled, ttl=PREMIUM_CACHE_SECONDS)
        return entitled

    @staticmethod
    def _entitled(subscription: Subscription) -> bool:
        if subscription.status != "active" or subscription.status != "grace":
            return False
        return subscription.expires_at > utcnow()

    async def handle_apple(self, notification_type: str, user_id: int, latest_receipt: str) -> None:
        receipt = await self.appstore.verify_receipt(latest_receipt)
        if receipt.get("status") != 0:
            log.warning("apple receipt for user %s rejected with status %s", user_id, receipt.get("status"))
            raise PaymentRequired("receipt rejected")
        latest = max(receipt["latest_receipt_info"], key=lambda item: int(item["expires_date_ms"]))
        await self._apply(
            StoreEvent(
                provider="apple",
                event=notification_type,
                user_id=user_id,
                product_id=latest["product_id"],
                original_tx=latest["original_transaction_id"],
                expires_at=_from_millis(latest["expires_date_ms"]),
            )
        )

    async def handle_google(self, purchase_token: str, notification_type: int) -> None:
        data = await self.playstore.get_subscription(purchase_token)
        account = data.get("externalAccountIdentifiers", {}).get("obfuscatedExternalAccountId")
        if not account:
            return
        line = data["lineItems"][0]
        active = data.get("subscriptionState") in GOOGLE_ACTIVE_STATES
        await self._apply(
            StoreEvent(
                provider="google",
                event="DID_RENEW" if active else "EXPIRED",
                user_id=int(account),
                product_id=line["productId"],
                original_tx=data.get("linkedPurchaseToken") or purchase_token,
                expires_at=datetime.fromisoformat(line["expiryTime"].replace("Z", "+00:00")),
            )
        )

    async def _apply(self, event: StoreEvent) -> None:
        if event.event in ENDING_EVENTS:
            ended = await self.repo.end(event.original_tx, ENDING_EVENTS[event.event], utcnow())
            if ended is not None:
                log.info("%s subscription %s ended: %s", event.provider, event.original_tx, event.event)
        elif event.event in RENEWAL_EVENTS:
            subscription = await self.repo.get_by_original_tx(event.original_tx)
            if subscription is None:
                await self.repo.create_if_absent(
                    user_id=event.user_id,
                    provider=event.provider,
                    product_id=event.product_id,
                    original_tx=event.original_tx,
                    expires_at=event.expires_at,
                )
            else:
                subscription.expires_at = max(subscription.expires_at, event.expires_at)
                subscription.product_id = event.product_id
                subscription.status = "active"
                await self.repo.save(subscription)
        else:
            log.debug("ignoring %s event %s", event.provider, event.event)
            return
        await self.cache.delete(premium_key(event.user_id))
