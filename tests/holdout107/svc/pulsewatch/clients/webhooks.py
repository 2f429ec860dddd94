from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from typing import Any

import httpx
import structlog

from pulsewatch.clients.retry import compute_backoff
from pulsewatch.errors import DeliveryFailed

log = structlog.get_logger(__name__)

USER_AGENT = "Pulsewatch-Webhooks/2"


def sign_payload(secret: str, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


class WebhookDeliverer:
    def __init__(self, *, attempts: int = 4, timeout_s: float = 8.0) -> None:
        self._attempts = attempts
        self._timeout_s = timeout_s

    async def deliver(self, url: str, secret: str, event: str, payload: dict[str, Any]) -> int:
        body = json.dumps({"event": event, "data": payload}, default=str, separators=(",", ":")).encode()
        last_error = "unknown"
        for attempt in range(self._attempts):
            ts = int(time.time())
            headers = {
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
                "X-Pulsewatch-Event": event,
                "X-Pulsewatch-Signature": sign_payload(secret, body, ts),
            }
            try:
                async with httpx.AsyncClient(timeout=self._timeout_s, follow_redirects=False) as client:
                    response = await client.post(url, content=body, headers=headers)
                if response.status_code < 300:
                    return response.status_code
                if 400 <= response.status_code < 500 and response.status_code != 429:
                    raise DeliveryFailed("webhook rejected", details={"status": response.status_code})
                last_error = f"http {response.status_code}"
            except httpx.TransportError as exc:
                last_error = type(exc).__name__
            await asyncio.sleep(compute_backoff(attempt, base=1.0, cap=20.0))
        log.warning("webhook.exhausted", url=url, error=last_error)
        raise DeliveryFailed("webhook delivery failed", details={"error": last_error})
