"""Outbound notifications to podcast directories (Apple, Spotify, Podcast Index ...)."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging

import httpx

from svc.config import settings

log = logging.getLogger(__name__)


def sign(body: bytes) -> str:
    return hmac.new(settings.webhook_secret.encode(), body, hashlib.sha256).hexdigest()


async def post_notification(endpoint_url: str, payload: dict) -> int:
    body = json.dumps(payload, separators=(",", ":")).encode()
    async with httpx.AsyncClient(timeout=5.0) as client:
        resp = await client.post(
            endpoint_url,
            content=body,
            headers={"Content-Type": "application/json", "X-Podhost-Signature": sign(body)},
        )
    return resp.status_code


class PodcastIndexClient:
    """Pings Podcast Index so that a feed is re-crawled right after a publish."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def ping(self, feed_url: str) -> bool:
        for attempt in range(3):
            try:
                resp = await self._client.get("https://api.podcastindex.org/api/1.0/hub/pubnotify", params={"url": feed_url})
                return resp.status_code == 200
            except httpx.TransportError:
                log.info("podcastindex ping attempt %d failed for %s", attempt + 1, feed_url)
                await asyncio.sleep(0.5 * 2**attempt)
        return False
