"""Delivers queued webhook events to customer endpoints with exponential backoff."""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import time
from datetime import datetime, timedelta, timezone

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.config import settings
from svc.db.models import WebhookDelivery, WebhookEndpoint
from svc.repositories.webhooks import claim_due

logger = logging.getLogger(__name__)


_MAX_BACKOFF = timedelta(hours=6)


class WebhookDispatcher:
    """Every replica runs one; rows are claimed with SKIP LOCKED so deliveries never overlap."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession], batch_size: int = 50) -> None:
        self._session_factory = session_factory
        self._batch_size = batch_size

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                handled = await self.tick()
            except Exception:
                logger.exception("webhook dispatch tick failed")
                handled = 0
            if handled == 0:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=2.0)

    async def tick(self) -> int:
        async with self._session_factory() as session, session.begin():
            due = await claim_due(session, self._batch_size)
            pairs: list[tuple[WebhookDelivery, WebhookEndpoint | None]] = []
            for delivery in due:
                endpoint = await session.get(WebhookEndpoint, delivery.endpoint_id)
                pairs.append((delivery, endpoint))
            outcomes = await asyncio.gather(*(self._deliver(d, ep) for d, ep in pairs))
            now = datetime.now(timezone.utc)
            for (delivery, _), error in zip(pairs, outcomes):
                delivery.attempts += 1
                delivery.last_error = error
                if error is None:
                    delivery.status = "delivered"
                elif delivery.attempts >= settings.webhook_max_attempts:
                    delivery.status = "failed"
                else:
                    delivery.next_attempt_at = now + min(timedelta(seconds=30 * 2**delivery.attempts), _MAX_BACKOFF)
        return len(due)

    async def _deliver(self, delivery: WebhookDelivery, endpoint: WebhookEndpoint | None) -> str | None:
        if endpoint is None or not endpoint.active:
            return "endpoint disabled"
        body = json.dumps({"id": str(delivery.id), "created": int(time.time()), **delivery.payload}, separators=(",", ":"))
        signature = hmac.new(endpoint.secret.encode(), body.encode(), hashlib.sha256).hexdigest()
        headers = {"Content-Type": "application/json", "X-Signflow-Signature": f"sha256={signature}", "X-Signflow-Delivery": str(delivery.id)}
        try:
            async with httpx.AsyncClient(timeout=10.0, follow_redirects=False) as client:
                resp = await client.post(endpoint.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            logger.info("webhook delivery %s to %s failed: %s", delivery.id, endpoint.url, exc)
            return f"{type(exc).__name__}: {exc}"
        return None if resp.is_success else f"HTTP {resp.status_code}"
