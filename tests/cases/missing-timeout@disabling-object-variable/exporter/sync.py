"""Nightly supplier sync."""
from __future__ import annotations

import aiohttp


async def pull_catalogue(url: str) -> list[dict]:
    limits = aiohttp.ClientTimeout(total=None, sock_read=None)  # expect: missing-timeout
    async with aiohttp.ClientSession(timeout=limits) as session:
        async with session.get(url) as resp:
            return await resp.json()


async def pull_prices(url: str) -> list[dict]:
    limits = aiohttp.ClientTimeout(total=60, sock_connect=5)
    async with aiohttp.ClientSession(timeout=limits) as session:
        async with session.get(url) as resp:
            return await resp.json()
