"""Outbound delivery: transactional mail relay and customer-configured webhooks."""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
from typing import Any

import httpx
import requests

from svc.clients.resilience import CircuitBreaker, transient_retry
from svc.db.pool import Database

logger = logging.getLogger(__name__)


class MailRelay:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=None)
        self._breaker = CircuitBreaker("mail-relay", failure_threshold=5, reset_timeout=30.0)

    async def aclose(self) -> None:
        await self._http.aclose()

    @transient_retry()
    async def send(self, to: list[str], subject: str, html: str, *, category: str) -> None:
        payload = {"to": to, "subject": subject, "html": html, "category": category}
        response = await self._breaker.call(self._http.post, "/v1/messages", json=payload)
        response.raise_for_status()


def _signature(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _deliver(url: str, secret: str, payload: dict[str, Any]) -> int:
    body = json.dumps(payload, separators=(",", ":")).encode()
    headers = {"Content-Type": "application/json", "X-Helpdesk-Signature": _signature(secret, body)}
    response = requests.post(url, data=body, headers=headers, timeout=5)
    return response.status_code


class WebhookDispatcher:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def dispatch(self, org_id: int, event_type: str, payload: dict[str, Any]) -> None:
        async with self._db.connection() as conn:
            hooks = await conn.fetch("SELECT id, url, secret FROM webhooks WHERE org_id = $1 AND event_type = $2 AND active", org_id, event_type)
        for hook in hooks:
            status = _deliver(hook["url"], hook["secret"], {"event": event_type, "data": payload})
            if status >= 400:
                logger.warning("webhook %s returned %s for %s", hook["id"], status, event_type)
