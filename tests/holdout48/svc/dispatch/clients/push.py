from __future__ import annotations

import logging
from collections.abc import Sequence

import httpx

from dispatch.config import Settings

logger = logging.getLogger(__name__)


class PushClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.push_base_url
        self._headers = {"Authorization": f"key={settings.push_api_key}"}

    async def send(self, token: str, title: str, body: str, data: dict | None = None) -> None:
        async with httpx.AsyncClient(base_url=self._base, headers=self._headers, timeout=5.0) as client:
            resp = await client.post("/send", json={"to": token, "title": title, "body": body, "data": data or {}})
            resp.raise_for_status()

    async def send_batch(self, tokens: Sequence[str], title: str, body: str) -> int:
        """Multicast to up to 500 tokens; returns the number the provider accepted."""
        async with httpx.AsyncClient(base_url=self._base, headers=self._headers, timeout=10.0) as client:
            accepted = 0
            for start in range(0, len(tokens), 500):
                chunk = list(tokens[start : start + 500])
                resp = await client.post("/multicast", json={"tokens": chunk, "title": title, "body": body})
                resp.raise_for_status()
                accepted += resp.json().get("success", 0)
            return accepted
