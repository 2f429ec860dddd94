"""Outbound HTTP: a partner API over httpx and a feed over aiohttp."""
import aiohttp
import httpx

from svc.config import HTTP_TIMEOUT, LEGACY_TIMEOUT

FEED_TIMEOUT = aiohttp.ClientTimeout(total=15, sock_connect=3)


class PartnerClient:
    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url)
        self._bulk = httpx.AsyncClient(base_url=base_url, timeout=None)  # expect: missing-timeout
        self._legacy = httpx.AsyncClient(base_url=base_url, timeout=LEGACY_TIMEOUT)  # expect: missing-timeout
        self._tuned = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(HTTP_TIMEOUT, connect=2.0))

    async def quote(self, symbol: str) -> dict:
        response = await self._client.get(f"/quotes/{symbol}")
        return response.json()

    async def export(self) -> bytes:
        response = await self._bulk.get("/export")
        return response.content

    async def legacy(self) -> dict:
        response = await self._legacy.get("/legacy")
        return response.json()

    async def settle(self, payload: dict) -> dict:
        response = await self._client.post("/settle", json=payload, timeout=None)  # expect: missing-timeout
        return response.json()

    async def tuned(self) -> dict:
        response = await self._tuned.get("/tuned")
        return response.json()

    async def follow(self) -> None:
        async with self._client.stream("GET", "/events", timeout=None) as stream:
            async for line in stream.aiter_lines():
                print(line)


class FeedReader:
    def __init__(self) -> None:
        self._session = aiohttp.ClientSession()  # expect: missing-timeout
        self._bounded = aiohttp.ClientSession(timeout=FEED_TIMEOUT)

    async def latest(self) -> dict:
        async with self._session.get("https://feed.example.com/latest") as response:
            return await response.json()

    async def bounded(self) -> dict:
        async with self._bounded.get("https://feed.example.com/bounded") as response:
            return await response.json()
