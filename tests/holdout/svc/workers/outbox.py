from __future__ import annotations

import asyncio
import logging

from svc.db.repositories import OutboxRepository, WebhookSubscriptionRepository
from svc.db.session import SessionLocal
from svc.services.webhooks import WebhookDispatcher

logger = logging.getLogger(__name__)


class OutboxPump:
    """Delivers queued outbox messages to customer webhook subscriptions."""

    def __init__(
        self,
        dispatcher: WebhookDispatcher,
        batch_size: int = 100,
        idle_sleep: float = 2.0,
        max_backoff: float = 60.0,
    ) -> None:
        self._dispatcher = dispatcher
        self._batch_size = batch_size
        self._idle_sleep = idle_sleep
        self._max_backoff = max_backoff

    async def run(self) -> None:
        backoff = 1.0
        while True:
            try:
                sent = await self._drain_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("outbox drain failed, retrying in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self._max_backoff)
                continue
            backoff = 1.0
            if sent == 0:
                await asyncio.sleep(self._idle_sleep)

    async def _drain_once(self) -> int:
        async with SessionLocal() as session:
            outbox = OutboxRepository(session)
            batch = await outbox.claim_batch(self._batch_size)
            if not batch:
                await session.rollback()
                return 0
            subscriptions = await WebhookSubscriptionRepository(session).for_customers(
                {m.customer_id for m in batch}
            )
            jobs = []
            for message in batch:
                for sub in subscriptions.get(message.customer_id, []):
                    if sub.topics == "*" or message.topic in sub.topics.split(","):
                        jobs.append((message, self._dispatcher.deliver(sub.url, sub.secret, message.payload)))
            results = await asyncio.gather(*(coro for _, coro in jobs), return_exceptions=True)
            failed = {id(message) for (message, _), ok in zip(jobs, results) if ok is not True}
            for message in batch:
                if id(message) in failed:
                    outbox.reschedule(message)
                else:
                    outbox.mark_sent(message)
            await session.commit()
            return len(batch)
