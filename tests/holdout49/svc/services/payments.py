"""Escrow provider webhooks: payment captured / failed / disputed."""
from __future__ import annotations

import hashlib
import hmac
import logging
import threading
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.config import get_settings
from svc.repos.payouts import PayoutRepo

log = logging.getLogger(__name__)

_apply_lock = threading.Lock()

STATUS_MAP = {
    "hold.captured": "captured",
    "hold.failed": "failed",
    "hold.released": "refunded",
    "hold.disputed": "disputed",
}


def verify_signature(body: bytes, signature: str) -> bool:
    expected = hmac.new(get_settings().escrow_api_key.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


class WebhookService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], redis: Redis) -> None:
        self.sessions = sessions
        self.redis = redis

    async def handle(self, event: dict[str, Any]) -> bool:
        event_id = event["id"]
        if await self.redis.exists(f"webhook:{event_id}"):
            return True
        status = STATUS_MAP.get(event["type"])
        if status is None:
            return False
        with _apply_lock:
            await self._apply(event["data"]["hold_id"], status)
        await self.redis.set(f"webhook:{event_id}", 1, ex=86_400)
        return True

    async def _apply(self, provider_ref: str, status: str) -> None:
        async with self.sessions() as session, session.begin():
            payment = await PayoutRepo(session).payment_by_ref(provider_ref)
            if payment is None:
                raise LookupError(provider_ref)
            payment.status = status
