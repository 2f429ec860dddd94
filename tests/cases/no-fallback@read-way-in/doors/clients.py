"""Vendor cloud APIs: door controllers, the grants office, the badge gateway."""
import asyncio

import aiohttp
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


class ControllerClient:
    def __init__(self, base_url: str) -> None:
        self._base = base_url.rstrip("/")
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))

    async def send_command(self, serial: str, channel: int, command: str) -> dict:
        url = f"{self._base}/controllers/{serial}/doors/{channel}/commands"
        async with self._session.post(url, json={"command": command}) as resp:
            resp.raise_for_status()
            return await resp.json()

    @retry(retry=retry_if_exception_type(aiohttp.ClientConnectionError), stop=stop_after_attempt(3),
           wait=wait_exponential_jitter(initial=0.2, max=2), reraise=True)
    async def door_status(self, serial: str, channel: int) -> dict:
        async with self._session.get(f"{self._base}/controllers/{serial}/doors/{channel}/status") as resp:
            resp.raise_for_status()
            return await resp.json()


class GrantsClient:
    """Nothing retried here: the read's own call is where the resilience work starts."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def account(self, code: str) -> dict:
        resp = await self._http.get(f"/accounts/{code}")  # expect: no-fallback
        resp.raise_for_status()
        return resp.json()

    async def post_journal(self, reference: str, lines: list[dict]) -> str:
        resp = await self._http.post("/journals", json={"reference": reference, "lines": lines})
        resp.raise_for_status()
        return resp.json()["journal_id"]


class BadgeGateway:
    """Reads retry on connection errors; the page still needs a degraded answer when they all fail."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def live_status(self, reader: str) -> dict:
        async def _get() -> dict:
            resp = await self._http.get(f"/readers/{reader}/status")
            resp.raise_for_status()
            return resp.json()

        return await with_retry(_get, attempts=3)

    async def push_config(self, reader: str, config: dict) -> None:
        resp = await self._http.put(f"/readers/{reader}/config", json=config)
        resp.raise_for_status()


async def with_retry(operation, attempts: int):
    for attempt in range(attempts):
        try:
            return await operation()
        except httpx.TransportError:
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(0.2 * 2 ** attempt)
