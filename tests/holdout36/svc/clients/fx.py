from __future__ import annotations

from decimal import Decimal

import httpx

from svc.config import settings


class FxClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def rate(self, base: str, quote: str) -> Decimal:
        if base == quote:
            return Decimal(1)
        resp = await self._http.get(settings.fx_url, params={"base": base, "symbols": quote})
        resp.raise_for_status()
        return Decimal(str(resp.json()["rates"][quote]))
