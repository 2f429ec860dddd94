"""Delivers queued webhook events (outbox pattern)."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

import asyncpg

from svc.config import settings
from svc.db.models import Webhook
from svc.services.webhooks import DeliveryFailed, WebhookDispatcher
from svc.utils.backoff import pause

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
POLL_INTERVAL = 1.0
CLAIM_SQL = (
    "SELECT e.id, e.event, e.payload, e.attempts, w.id AS webhook_id, w.url, w.secret "
    "FROM outbox_events e JOIN webhooks w ON w.id = e.webhook_id "
    "WHERE e.delivered_at IS NULL AND e.attempts < $1 ORDER BY e.id LIMIT $2 FOR UPDATE OF e SKIP LOCKED"
)


class OutboxWorker:
    def __init__(self, pool: asyncpg.Pool, dispatcher: WebhookDispatcher) -> None:
        self._pool = pool
        self._dispatcher = dispatcher
        self._sem = asyncio.Semaphore(settings.webhook_concurrency)
        self.last_cycle: float = 0.0

    async def _deliver_one(self, row: dict[str, Any]) -> tuple[int, bool]:
        hook = Webhook(id=row["webhook_id"], url=row["url"], secret=row["secret"])
        async with self._sem:
            for attempt in range(3):
                try:
                    await self._dispatcher.deliver(hook, row["event"], row["payload"])
                    return row["id"], True
                except DeliveryFailed as exc:
                    if exc.status is not None and exc.status < 500:
                        return row["id"], False
                    pause(attempt)
        return row["id"], False

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
                async with conn.transaction():
                    rows = [dict(r) for r in await conn.fetch(CLAIM_SQL, MAX_ATTEMPTS, settings.webhook_concurrency * 4)]
                    outcomes = await asyncio.gather(*(self._deliver_one(r) for r in rows))
                    delivered = [event_id for event_id, ok in outcomes if ok]
                    failed = [event_id for event_id, ok in outcomes if not ok]
                    if delivered:
                        await conn.execute(
                            "UPDATE outbox_events SET delivered_at = now() WHERE id = ANY($1::bigint[])", delivered
                        )
                    if failed:
                        await conn.execute(
                            "UPDATE outbox_events SET attempts = attempts + 1 WHERE id = ANY($1::bigint[])", failed
                        )
            self.last_cycle = loop.time()
            if not rows:
                await asyncio.sleep(POLL_INTERVAL)
