"""HTTP client for the internal OCR engine (tesseract behind a small aiohttp service)."""
from __future__ import annotations

import aiohttp

from lexdesk.settings import Settings
from lexdesk.utils.breaker import CircuitBreaker


class OcrEngineError(Exception):
    pass


class OcrEngineClient:
    def __init__(self, settings: Settings, breaker: CircuitBreaker | None = None) -> None:
        self._base_url = settings.ocr_url
        self._page_timeout = settings.ocr_page_timeout
        self._breaker = breaker or CircuitBreaker("ocr-engine", failure_threshold=8, reset_after=60)
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._base_url,
            timeout=aiohttp.ClientTimeout(total=self._page_timeout, sock_connect=5),
            connector=aiohttp.TCPConnector(limit=16),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def breaker_state(self) -> str:
        return self._breaker.state

    async def ocr_page(self, image_png: bytes, lang: str = "eng") -> str:
        if self._session is None:
            raise RuntimeError("OcrEngineClient.start() was not awaited")
        async with self._breaker:
            async with self._session.post("/v1/ocr", data=image_png, params={"lang": lang, "psm": "3"}) as resp:
                if resp.status >= 500:
                    raise OcrEngineError(f"ocr engine returned {resp.status}")
                if resp.status != 200:
                    raise OcrEngineError(await resp.text())
                body = await resp.json()
        return body.get("text", "")
