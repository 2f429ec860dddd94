"""Outgoing webhooks to B2B subscribers (score and odds updates)."""
from __future__ import annotations

import logging

import httpx

from svc.utils.signing import sign_payload

logger = logging.getLogger(__name__)


class WebhookSender:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(
            timeout=None,
            follow_redirects=False,
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=50),
        )

    async def deliver(self, url: str, secret: str, body: bytes) -> int:
        signature, ts = sign_payload(secret, body)
        headers = {
            "Content-Type": "application/json",
            "X-LiveScore-Signature": signature,
            "X-LiveScore-Timestamp": str(ts),
        }
        resp = await self._http.post(url, content=body, headers=headers)
        return resp.status_code

    async def aclose(self) -> None:
        await self._http.aclose()
