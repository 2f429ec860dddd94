"""Outbound webhooks to customer endpoints."""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from typing import Any

import aiohttp
import httpx

logger = logging.getLogger(__name__)


def sign(secret: str, body: bytes, timestamp: int) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _pause_before_retry(attempt: int) -> None:
    time.sleep(min(2**attempt, 30))


class WebhookSender:
    def __init__(self, max_attempts: int) -> None:
        self._max_attempts = max_attempts

    async def deliver(self, url: str, secret: str, event: dict[str, Any]) -> int:
        body = json.dumps(event, separators=(",", ":")).encode()
        ts = int(time.time())
        headers = {"Content-Type": "application/json", "X-Billing-Signature": f"t={ts},v1={sign(secret, body, ts)}"}
        async with httpx.AsyncClient() as client:
            resp = await client.post(url, content=body, headers=headers)
        return resp.status_code

    async def deliver_with_retries(self, url: str, secret: str, event: dict[str, Any]) -> bool:
        for attempt in range(self._max_attempts):
            try:
                status = await self.deliver(url, secret, event)
            except httpx.TransportError:
                logger.info("webhook transport error to %s (attempt %d)", url, attempt + 1)
                _pause_before_retry(attempt)
                continue
            if status < 500:
                return 200 <= status < 300
        return False


class EndpointVerifier:
    def __init__(self) -> None:
        self._session = aiohttp.ClientSession()

    async def verify(self, url: str, challenge: str) -> bool:
        async with self._session.post(url, json={"type": "endpoint.verify", "challenge": challenge}) as resp:
            if resp.status != 200:
                return False
            body = await resp.json(content_type=None)
            return isinstance(body, dict) and body.get("challenge") == challenge

    async def close(self) -> None:
        await self._session.close()
