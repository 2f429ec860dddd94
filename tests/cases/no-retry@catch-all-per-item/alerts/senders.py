"""Outbound notification providers (one attempt each)."""
import aiohttp
import httpx


class PagerClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def page(self, user_id: int, text: str) -> None:
        resp = await self._http.post("/v1/pages", json={"user": user_id, "text": text})
        resp.raise_for_status()


class ChatHook:
    def __init__(self, url: str) -> None:
        self._url = url
        self._session: aiohttp.ClientSession | None = None

    async def post(self, channel: str, text: str) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))
        async with self._session.post(self._url, json={"channel": channel, "text": text}) as resp:
            resp.raise_for_status()


class StatusBoard:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def publish(self, service: str, state: str) -> None:
        resp = await self._http.post("/v1/status", json={"service": service, "state": state})
        resp.raise_for_status()


class Archive:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def store(self, record: dict) -> None:
        resp = await self._http.post("/v1/records", json=record)
        resp.raise_for_status()
