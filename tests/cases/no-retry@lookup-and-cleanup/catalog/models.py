"""A local model server: details are looked up per model, usage is reported after each batch."""
from __future__ import annotations

import logging

import aiohttp

log = logging.getLogger(__name__)


class ModelServer:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    async def details(self, model: str) -> dict | None:
        timeout = aiohttp.ClientTimeout(total=2.0)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post(f"{self.base_url}/api/show", json={"name": model}) as resp:
                if resp.status != 200:
                    log.warning("no details for %s: %s", model, resp.status)
                    return None
                return await resp.json()

    async def report_usage(self, model: str, tokens: int) -> None:
        timeout = aiohttp.ClientTimeout(total=2.0)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post("https://usage.example.com/v1/usage",  # expect: no-retry
                                    json={"model": model, "tokens": tokens}) as resp:
                if resp.status >= 400:
                    log.error("usage report failed: %s", resp.status)
