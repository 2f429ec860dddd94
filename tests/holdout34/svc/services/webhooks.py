"""B2B webhook fan-out for score changes and match state transitions."""
from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

import httpx
from redis.asyncio import Redis
from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.webhook_sender import WebhookSender
from svc.db.models import WebhookSubscription

logger = logging.getLogger(__name__)

MAX_CONSECUTIVE_FAILURES = 20
MAX_PENDING_RETRIES = 5_000
RETRY_DELAY_SECONDS = 30.0


@dataclass(slots=True)
class PendingDelivery:
    subscription_id: int
    url: str
    secret: str
    body: bytes
    due_at: float
    attempt: int = 1


class WebhookService:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        sender: WebhookSender,
        redis: Redis,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._sender = sender
        self._redis = redis
        self._pending: list[PendingDelivery] = []

    async def _subscriptions_for(self, match_id: int) -> list[WebhookSubscription]:
        async with self._sessionmaker() as session:
            stmt = select(WebhookSubscription).where(
                WebhookSubscription.active.is_(True),
                or_(WebhookSubscription.match_id == match_id, WebhookSubscription.match_id.is_(None)),
            )
            result = await session.execute(stmt)
            return list(result.scalars())

    async def dispatch(self, match_id: int, event_type: str, payload: dict[str, Any]) -> int:
        subscriptions = await self._subscriptions_for(match_id)
        body = json.dumps({"type": event_type, "match_id": match_id, "data": payload}).encode()
        for sub in subscriptions:
            asyncio.create_task(self._deliver(sub.id, sub.url, sub.secret, body))
        return len(subscriptions)

    async def _deliver(self, subscription_id: int, url: str, secret: str, body: bytes, attempt: int = 1) -> None:
        try:
            status = await self._sender.deliver(url, secret, body)
        except httpx.HTTPError as exc:
            logger.info("webhook %s delivery error: %s", subscription_id, exc)
            status = 0
        if 200 <= status < 300:
            await self._redis.delete(f"webhook:failures:{subscription_id}")
            return
        await self._record_failure(subscription_id)
        if len(self._pending) < MAX_PENDING_RETRIES:
            self._pending.append(
                PendingDelivery(subscription_id, url, secret, body, time.monotonic() + RETRY_DELAY_SECONDS, attempt + 1)
            )
        else:
            logger.warning("webhook retry buffer full; dropping delivery for %s", subscription_id)

    async def _record_failure(self, subscription_id: int) -> None:
        key = f"webhook:failures:{subscription_id}"
        failures = int(await self._redis.get(key) or 0)
        await self._redis.set(key, failures + 1, ex=24 * 3600)
        if failures + 1 >= MAX_CONSECUTIVE_FAILURES:
            await self._disable(subscription_id)

    async def _disable(self, subscription_id: int) -> None:
        async with self._sessionmaker() as session:
            await session.execute(
                update(WebhookSubscription).where(WebhookSubscription.id == subscription_id).values(active=False)
            )
            await session.commit()
        logger.warning("webhook subscription %s disabled after repeated failures", subscription_id)

    async def drain_retries(self) -> int:
        """Called by the scheduler; re-sends deliveries whose delay has elapsed."""
        now = time.monotonic()
        due, later = [], []
        while self._pending:
            item = self._pending.pop(0)
            (due if item.due_at <= now else later).append(item)
        self._pending.extend(later)
        for item in due:
            await self._deliver(item.subscription_id, item.url, item.secret, item.body, item.attempt)
        return len(due)
