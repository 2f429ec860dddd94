"""Third-party data services used on the bidding path: brand safety, geo and FX rates."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
import requests
from aiobreaker import CircuitBreaker, CircuitBreakerError
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.config import Settings

logger = logging.getLogger(__name__)


class BrandSafetyClient:
    def __init__(self, http: httpx.AsyncClient, cfg: Settings) -> None:
        self._http = http
        self._base = cfg.brand_safety_url
        self._timeout = cfg.brand_safety_timeout
        self._sem = asyncio.Semaphore(cfg.fanout_concurrency)

    async def is_safe(self, domain: str) -> bool:
        """Unknown or unreachable verdicts count as unsafe: we do not bid."""
        try:
            response = await self._http.get(f"{self._base}/v2/domains/{domain}", timeout=self._timeout)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            logger.warning("brand safety lookup failed for %s: %s", domain, exc)
            return False
        return response.json().get("verdict") == "safe"

    async def check_many(self, domains: Sequence[str]) -> dict[str, bool]:
        chunks = [list(domains[i : i + 100]) for i in range(0, len(domains), 100)]

        async def check_chunk(chunk: list[str]) -> dict[str, bool]:
            async with self._sem:
                response = await self._http.post(
                    f"{self._base}/v2/domains:batchCheck", json={"domains": chunk}, timeout=5.0
                )
                response.raise_for_status()
                return {domain: verdict == "safe" for domain, verdict in response.json()["verdicts"].items()}

        results = await asyncio.gather(*(check_chunk(chunk) for chunk in chunks))
        merged: dict[str, bool] = {}
        for part in results:
            merged.update(part)
        return merged


@dataclass(frozen=True)
class GeoInfo:
    country: str
    region: str | None = None

    @classmethod
    def unknown(cls) -> GeoInfo:
        return cls(country="ZZ")


class GeoClient:
    def __init__(self, http: httpx.AsyncClient, cfg: Settings) -> None:
        self._http = http
        self._base = cfg.geo_url
        self._breaker = CircuitBreaker(fail_max=10, timeout_duration=timedelta(seconds=20))

    async def lookup(self, ip: str) -> GeoInfo:
        try:
            return await self._breaker.call_async(self._lookup, ip)
        except (CircuitBreakerError, httpx.HTTPError):
            return GeoInfo.unknown()

    async def _lookup(self, ip: str) -> GeoInfo:
        response = await self._http.get(f"{self._base}/v1/ip/{ip}", timeout=0.03)
        response.raise_for_status()
        body = response.json()
        return GeoInfo(country=body["country"], region=body.get("region"))


class FxClient:
    """USD conversion rates, refreshed every ``ttl`` seconds."""

    def __init__(self, http: httpx.AsyncClient, cfg: Settings, ttl: float = 300.0) -> None:
        self._http = http
        self._base = cfg.fx_url
        self._ttl = ttl
        self._rates: dict[str, Decimal] = {}
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=0.05, max=0.5),
        retry=retry_if_exception_type(httpx.TransportError),
        reraise=True,
    )
    async def _fetch_rates(self) -> dict[str, Decimal]:
        response = await self._http.get(f"{self._base}/v1/latest", params={"base": "USD"}, timeout=1.0)
        response.raise_for_status()
        return {code: Decimal(str(rate)) for code, rate in response.json()["rates"].items()}

    async def convert(self, amount_usd: Decimal, currency: str) -> Decimal:
        if currency == "USD":
            return amount_usd
        async with self._lock:
            if time.monotonic() - self._fetched_at > self._ttl:
                self._rates = await self._fetch_rates()
                self._fetched_at = time.monotonic()
        return (amount_usd * self._rates[currency]).quantize(Decimal("0.0001"))


def fetch_iab_taxonomy(url: str) -> list[dict[str, Any]]:
    """Download the IAB content taxonomy for the campaign editor."""
    response = requests.get(url, headers={"Accept": "application/json"})
    response.raise_for_status()
    return list(response.json()["categories"])
