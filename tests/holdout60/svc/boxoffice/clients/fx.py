from __future__ import annotations

from decimal import Decimal

import httpx


class FxClient:
    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(3.0))

    async def aclose(self) -> None:
        await self._client.aclose()

    async def rate(self, base: str, quote: str) -> Decimal:
        if base == quote:
            return Decimal(1)
        response = await self._client.get("/latest", params={"base": base, "symbols": quote})
        response.raise_for_status()
        return Decimal(str(response.json()["rates"][quote]))
