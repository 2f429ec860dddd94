from __future__ import annotations

import httpx

from ..core.errors import UpstreamError


class FxClient:
    """Daily reference rates used to convert plan prices for non-USD invoices."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def rates(self, base: str = "USD") -> dict[str, float]:
        response = await self._http.get("/v1/latest", params={"base": base})
        if response.status_code != 200:
            raise UpstreamError(f"fx rates unavailable ({response.status_code})")
        return {k: float(v) for k, v in response.json()["rates"].items()}
