from decimal import Decimal
from typing import Any

import aiohttp


class FxClient:
    def __init__(self, base_url: str) -> None:
        self._base = base_url
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))

    async def _call(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        async with self._session.post(f"{self._base}{path}", json=payload) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def convert(self, amount: Decimal, currency: str) -> Decimal:
        body = await self._call("/v1/convert", {"amount": str(amount), "to": currency})
        return Decimal(body["amount"])

    async def convert_many(self, items: list[dict[str, str]]) -> list[Decimal]:
        body = await self._call("/v1/convert/batch", {"items": items})
        return [Decimal(x["amount"]) for x in body["items"]]
