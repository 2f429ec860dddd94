from __future__ import annotations

import asyncio
import logging
import random
import uuid
from datetime import timedelta

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.webhook_sender import WebhookSender
from ..core.timeutil import utcnow
from ..db.models import WebhookDelivery, WebhookEndpoint
from ..repositories.webhooks import DeadLetterRepository, WebhookRepository

logger = logging.getLogger(__name__)

DELIVERY_CONCURRENCY = 32


def next_backoff(attempts: int) -> timedelta:
    base = min(6 * 3600, 30 * 2 ** attempts)
    return timedelta(seconds=base + random.uniform(0, base / 10))


class WebhookService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], sender: WebhookSender, max_attempts: int) -> None:
        self._sessions = sessions
        self._sender = sender
        self._max_attempts = max_attempts
        self._slots = asyncio.Semaphore(DELIVERY_CONCURRENCY)

    async def emit(self, tenant_id: uuid.UUID, event_type: str, payload: dict) -> int:
        async with self._sessions() as session:
            repo = WebhookRepository(session)
            endpoints = list(await repo.endpoints_for_event(tenant_id, event_type))
            deliveries = [WebhookDelivery(id=uuid.uuid4(), endpoint_id=ep.id, event_type=event_type, payload=payload)
                          for ep in endpoints]
            session.add_all(deliveries)
            await session.commit()
        await asyncio.gather(*(self._attempt_bounded(ep, d) for ep, d in zip(endpoints, deliveries)))
        return len(deliveries)

    async def _attempt_bounded(self, endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> bool:
        async with self._slots:
            return await self.attempt(endpoint, delivery)

    async def attempt(self, endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> bool:
        try:
            result = await self._sender.send(endpoint.url, endpoint.secret, delivery.event_type, delivery.payload)
        except aiohttp.ClientError:
            return False
        async with self._sessions() as session:
            repo = WebhookRepository(session)
            if result.ok:
                await repo.record_attempt(delivery.id, "delivered", result.status_code, None)
                await repo.bump_failures(endpoint.id, reset=True)
            elif delivery.attempts + 1 >= self._max_attempts:
                await repo.record_attempt(delivery.id, "dead", result.status_code, None)
                DeadLetterRepository(session).record(delivery, f"HTTP {result.status_code} after {delivery.attempts + 1} attempts")
                await repo.bump_failures(endpoint.id)
            else:
                retry_at = utcnow() + next_backoff(delivery.attempts)
                await repo.record_attempt(delivery.id, "retrying", result.status_code, retry_at)
                await repo.bump_failures(endpoint.id)
            await session.commit()
        return result.ok

    async def delivery_log(self, session: AsyncSession, tenant_id: uuid.UUID, endpoint_id: uuid.UUID) -> list[dict]:
        repo = WebhookRepository(session)
        endpoint = await repo.get_endpoint(endpoint_id)
        if endpoint is None or endpoint.tenant_id != tenant_id:
            return []
        return [
            {"id": str(d.id), "event": d.event_type, "status": d.status, "attempts": d.attempts,
             "last_status_code": d.last_status_code, "created_at": d.created_at.isoformat()}
            for d in await repo.list_for_endpoint(endpoint_id)
        ]
