"""Fan-out of balance/transaction events to websocket subscribers and customer webhooks."""
from __future__ import annotations

import json
import logging
from typing import Any

import redis.asyncio as redis
from sqlalchemy import select

from svc.clients.webhook_client import WebhookClient
from svc.db.engine import sessionmaker
from svc.db.models import Customer

log = logging.getLogger(__name__)

EVENTS_CHANNEL = "custody:events"


class NotificationService:
    def __init__(self, redis_client: redis.Redis, webhooks: WebhookClient) -> None:
        self.redis = redis_client
        self._webhooks = webhooks

    async def _publish(self, customer_id: int, event: dict[str, Any]) -> None:
        message = json.dumps({"customer_id": customer_id, **event}, default=str)
        try:
            await self.redis.publish(EVENTS_CHANNEL, message)
        except redis.RedisError:
            pass

    async def _webhook_url(self, customer_id: int) -> str | None:
        async with sessionmaker()() as session:
            result = await session.execute(select(Customer.webhook_url).where(Customer.id == customer_id))
            return result.scalar_one_or_none()

    async def _deliver_webhook(self, customer_id: int, event: dict[str, Any]) -> None:
        url = await self._webhook_url(customer_id)
        if not url:
            return
        ok = self._webhooks.deliver(url, event)
        if not ok:
            await self.redis.rpush("custody:webhook:retry", json.dumps({"url": url, "event": event}, default=str))

    async def balance_changed(self, customer_id: int, asset: str) -> None:
        await self._publish(customer_id, {"type": "balance", "asset": asset})

    async def deposit_seen(self, customer_id: int, deposit: dict[str, Any]) -> None:
        event = {"type": "deposit", **deposit}
        await self._publish(customer_id, event)
        await self._deliver_webhook(customer_id, event)

    async def withdrawal_updated(self, customer_id: int, payload: dict[str, Any]) -> None:
        event = {"type": "withdrawal", **payload}
        await self._publish(customer_id, event)
        await self._deliver_webhook(customer_id, event)

    async def price_tick(self, asset: str, price: str) -> None:
        try:
            await self.redis.publish(f"custody:prices:{asset}", price)
        except (redis.RedisError, OSError):
            log.warning("price tick publish failed for %s", asset, exc_info=True)
