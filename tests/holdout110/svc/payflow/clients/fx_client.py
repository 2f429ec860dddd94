from __future__ import annotations

from decimal import Decimal

import httpx

from payflow.settings import get_settings


class FxClient:
    def __init__(self) -> None:
        # httpx applies its 5 second default timeout to every phase.
        self._http = httpx.AsyncClient(base_url=get_settings().fx_api_url)

    async def close(self) -> None:
        await self._http.aclose()

    async def rate(self, base: str, quote: str) -> Decimal:
        resp = await self._http.get("", params={"base": base, "symbols": quote})
        resp.raise_for_status()
        return Decimal(str(resp.json()["rates"][quote]))
