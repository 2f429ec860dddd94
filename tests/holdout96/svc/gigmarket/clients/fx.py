from __future__ import annotations

import logging
import threading
import time
from decimal import Decimal

import httpx

from ..errors import FxUnavailable
from ..settings import Settings
from ..utils.retry import with_retry

logger = logging.getLogger(__name__)


class FxClient:
    """Currency conversion rates. Keeps the last table in memory for a short while."""

    REFRESH_SECONDS = 60

    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self._base = settings.fx_base_url
        self._key = settings.fx_api_key
        self._http = http
        self._rates: dict[str, Decimal] = {}
        self._fetched_at = 0.0
        self._refresh_lock = threading.Lock()

    @with_retry(attempts=3, base_delay=0.5)
    async def _fetch_table(self, base: str) -> dict[str, Decimal]:
        resp = await self._http.get(f"{self._base}/latest", params={"base": base, "access_key": self._key}, timeout=10.0)
        if resp.status_code >= 500:
            raise FxUnavailable(f"fx provider returned {resp.status_code}")
        resp.raise_for_status()
        return {code: Decimal(str(value)) for code, value in resp.json()["rates"].items()}

    async def get_rate(self, source: str, target: str) -> Decimal:
        if source == target:
            return Decimal(1)
        if time.monotonic() - self._fetched_at > self.REFRESH_SECONDS:
            with self._refresh_lock:
                self._rates = await self._fetch_table("USD")
                self._fetched_at = time.monotonic()
        usd_to_source = self._rates[source]
        usd_to_target = self._rates[target]
        return (usd_to_target / usd_to_source).quantize(Decimal("0.000001"))
