from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import httpx

from svc.config import Settings
from svc.errors import UpstreamError
from svc.resilience import CircuitBreaker, retry_transient


class FxClient:
    """Market-data provider for foreign-exchange rates."""

    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.fx_base_url,
            params={"access_key": settings.fx_api_key},
            timeout=None,
        )
        self._breaker = CircuitBreaker("fx", fail_max=3, reset_timeout=60.0)

    async def _get(self, path: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        response = await self._http.get(path, params=params)
        if response.status_code >= 500:
            raise UpstreamError(f"fx provider returned {response.status_code}")
        response.raise_for_status()
        return dict(response.json())

    @retry_transient
    async def latest(self, base: str, symbols: Iterable[str]) -> dict[str, Decimal]:
        body = await self._breaker.call(self._get, "/latest", {"base": base, "symbols": ",".join(sorted(symbols))})
        return {code: Decimal(str(value)) for code, value in body["rates"].items()}

    @retry_transient
    async def pair(self, base: str, quote: str) -> Decimal:
        body = await self._breaker.call(self._get, f"/pair/{base}/{quote}")
        return Decimal(str(body["rate"]))

    async def aclose(self) -> None:
        await self._http.aclose()
