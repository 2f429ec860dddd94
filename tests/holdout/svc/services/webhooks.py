from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)

PARTNER_TIMEOUT = aiohttp.ClientTimeout(total=15, connect=5)


def sign(secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def _encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, separators=(",", ":"), default=str).encode()


async def post_event(url: str, secret: str, payload: dict[str, Any]) -> int:
    """Forward one tracking event to a partner endpoint; returns the HTTP status."""
    body = _encode(payload)
    headers = {
        "Content-Type": "application/json",
        "X-Shiptrack-Signature": sign(secret, body, int(time.time())),
    }
    async with aiohttp.ClientSession(timeout=PARTNER_TIMEOUT) as http:
        async with http.post(url, data=body, headers=headers) as resp:
            return resp.status


class WebhookDispatcher:
    """Long-lived client used by the outbox pump for customer webhooks."""

    def __init__(self, concurrency: int = 16) -> None:
        self._session: aiohttp.ClientSession | None = None
        self._sem = asyncio.Semaphore(concurrency)

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=10),
            headers={"User-Agent": "shiptrack-webhooks/1.4"},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def deliver(self, url: str, secret: str, payload: dict[str, Any]) -> bool:
        assert self._session is not None, "dispatcher not started"
        body = _encode(payload)
        headers = {
            "Content-Type": "application/json",
            "X-Shiptrack-Signature": sign(secret, body, int(time.time())),
        }
        async with self._sem:
            try:
                async with self._session.post(url, data=body, headers=headers) as resp:
                    if resp.status >= 400:
                        logger.info("webhook %s answered %s", url, resp.status)
                    return resp.status < 400
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                logger.info("webhook %s failed: %s", url, exc)
                return False
            except Exception:
                logger.exception("unhandled error delivering webhook to %s", url)
                raise
