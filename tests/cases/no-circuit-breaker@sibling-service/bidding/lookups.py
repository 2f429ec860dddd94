"""Partner lookups on the bid path: geo goes through a breaker, brand safety was left without one."""
from datetime import timedelta

import httpx
from aiobreaker import CircuitBreaker, CircuitBreakerError


class GeoClient:
    def __init__(self, http: httpx.AsyncClient, base: str) -> None:
        self._http = http
        self._base = base
        self._breaker = CircuitBreaker(fail_max=10, timeout_duration=timedelta(seconds=20))

    async def lookup(self, ip: str) -> str:
        try:
            return await self._breaker.call_async(self._lookup, ip)
        except (CircuitBreakerError, httpx.HTTPError):
            return "ZZ"

    async def _lookup(self, ip: str) -> str:
        response = await self._http.get(f"{self._base}/v1/ip/{ip}", timeout=0.05)
        response.raise_for_status()
        return response.json()["country"]


class BrandSafetyClient:
    def __init__(self, http: httpx.AsyncClient, base: str) -> None:
        self._http = http
        self._base = base

    async def is_safe(self, domain: str) -> bool:
        try:
            response = await self._http.get(f"{self._base}/v2/domains/{domain}", timeout=0.5)  # expect: no-circuit-breaker
            response.raise_for_status()
        except httpx.HTTPError:
            return False
        return response.json().get("verdict") == "safe"
