from __future__ import annotations

import aiohttp
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from glossa.errors import ProviderError


class GoogleMTClient:
    """Cloud Translation v2 over aiohttp. `start()` and `close()` are called from the lifespan."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url
        self._api_key = api_key
        self._timeout = aiohttp.ClientTimeout(total=20, connect=5)
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(base_url=self._base_url, timeout=self._timeout)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=0.5, max=4),
        retry=retry_if_exception_type(aiohttp.ClientConnectionError),
        reraise=True,
    )
    async def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        assert self._session is not None, "GoogleMTClient.start() was not called"
        payload = {"q": texts, "source": source, "target": target, "format": "html"}
        async with self._session.post("/language/translate/v2", params={"key": self._api_key}, json=payload) as resp:
            if resp.status >= 400:
                detail = await resp.text()
                raise ProviderError("google", f"HTTP {resp.status}: {detail[:200]}", retryable=resp.status >= 500)
            body = await resp.json()
        return [item["translatedText"] for item in body["data"]["translations"]]
