"""Outgoing webhooks and pager alerts."""
import logging

import aiohttp
import httpx

log = logging.getLogger(__name__)


class HookSender:
    async def deliver(self, url: str, body: bytes) -> bool:
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http:
                async with http.post(url, data=body) as resp:  # expect: no-retry
                    return 200 <= resp.status < 300
        except aiohttp.ClientError as exc:
            log.warning("hook delivery to %s failed: %s", url, exc)
            return False


class Pager:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://pager.example.com", timeout=5.0)

    async def page(self, text: str) -> bool:
        try:
            resp = await self._http.post("/v1/pages", json={"text": text})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            log.warning("page failed: %s", exc)
            return False
        return True
