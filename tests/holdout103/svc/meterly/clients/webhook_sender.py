from __future__ import annotations

import json
import logging
from dataclasses import dataclass

import aiohttp

from ..core.security import sign_payload

logger = logging.getLogger(__name__)


@dataclass
class SendResult:
    ok: bool
    status_code: int | None
    error: str | None = None


class WebhookSender:
    """Posts signed event payloads to tenant-registered endpoints."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        connector = aiohttp.TCPConnector(limit=200, limit_per_host=8, ttl_dns_cache=300)
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=5),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send(self, url: str, secret: str, event_type: str, payload: dict) -> SendResult:
        assert self._session is not None
        body = json.dumps({"type": event_type, "data": payload}, separators=(",", ":")).encode()
        signature = await sign_payload(secret, body)
        headers = {"Content-Type": "application/json", "Meterly-Signature": signature}
        async with self._session.post(url, data=body, headers=headers, allow_redirects=False) as resp:
            return SendResult(ok=200 <= resp.status < 300, status_code=resp.status)
