"""Exchange-rate providers: the primary's lookups are retried; the backup provider was left out."""
import aiohttp
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


class PrimaryRates:
    def __init__(self, base_url: str) -> None:
        self._base = base_url

    @retry(retry=retry_if_exception_type(httpx.TransportError), stop=stop_after_attempt(3),
           wait=wait_exponential_jitter(initial=0.2, max=2), reraise=True)
    async def rate(self, pair: str) -> float:
        async with httpx.AsyncClient(base_url=self._base, timeout=5.0) as client:
            resp = await client.post("/v3/rates/lookups", json={"pairs": [pair]})
        resp.raise_for_status()
        return resp.json()["rates"][0]["mid"]


class BackupRates:
    def __init__(self, base_url: str) -> None:
        self._base = base_url

    async def rate(self, pair: str) -> float:
        async with httpx.AsyncClient(base_url=self._base, timeout=5.0) as client:
            resp = await client.get(f"/rates/{pair}")  # expect: no-retry
        resp.raise_for_status()
        return resp.json()["mid"]


class RateAlerts:
    """A send, not a read: the retried lookup next to it says nothing about repeating it."""

    def __init__(self, url: str) -> None:
        self._url = url

    async def subscribe(self, pair: str, threshold: float) -> None:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
            async with session.post(self._url, json={"pair": pair, "threshold": threshold}) as resp:
                resp.raise_for_status()
