from __future__ import annotations

import logging

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from portops.utils.breaker import CircuitBreaker, CircuitOpen

log = logging.getLogger(__name__)

# Gusts above this stop quay crane operations.
CRANE_WIND_LIMIT_KMH = 72.0


class WeatherClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(4.0, connect=2.0))
        self._breaker = CircuitBreaker("marine-weather", failure_threshold=3, reset_after_s=60)
        self._last_gust_kmh: float = 0.0

    async def aclose(self) -> None:
        await self._http.aclose()

    @retry(
        retry=retry_if_exception_type(httpx.TransportError),
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=0.2, max=2),
        reraise=True,
    )
    async def _fetch_gust(self, terminal: str) -> float:
        response = await self._http.get(f"/terminals/{terminal}/wind")
        response.raise_for_status()
        return float(response.json()["gust_kmh"])

    async def current_gust_kmh(self, terminal: str) -> float:
        try:
            gust = await self._breaker.call(lambda: self._fetch_gust(terminal))
        except (CircuitOpen, httpx.HTTPError) as exc:
            log.warning("wind feed unavailable (%s); using last reading %.1f", exc, self._last_gust_kmh)
            return self._last_gust_kmh
        self._last_gust_kmh = gust
        return gust

    async def cranes_must_stop(self, terminal: str) -> bool:
        return await self.current_gust_kmh(terminal) >= CRANE_WIND_LIMIT_KMH
