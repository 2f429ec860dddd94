"""Rate provider client: server errors become UpstreamError, the breaker raises CircuitOpen."""
from decimal import Decimal

import httpx

from fxapp.breaker import CircuitBreaker
from fxapp.errors import UpstreamError


class RatesClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._breaker = CircuitBreaker()

    async def _get(self, path: str) -> dict:
        response = await self._http.get(path)
        if response.status_code >= 500:
            raise UpstreamError(f"rates provider returned {response.status_code}")
        response.raise_for_status()
        return dict(response.json())

    async def pair(self, base: str, quote: str) -> Decimal:
        body = await self._breaker.call(self._get, f"/pair/{base}/{quote}")
        return Decimal(str(body["rate"]))
