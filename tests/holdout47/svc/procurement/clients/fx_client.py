from __future__ import annotations

import logging
from decimal import Decimal

import aiohttp

from procurement.config import get_settings
from procurement.utils.retry import CircuitBreaker, CircuitOpenError

log = logging.getLogger(__name__)


class FXProviderError(RuntimeError):
    pass


class FXClient:
    def __init__(self) -> None:
        settings = get_settings()
        self._base_url = settings.fx_base_url
        self._api_key = settings.fx_api_key
        self._timeout = aiohttp.ClientTimeout(total=settings.fx_timeout_seconds, connect=2)
        self._session: aiohttp.ClientSession | None = None
        self.breaker = CircuitBreaker("fx", failure_threshold=3, reset_after=60)

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=self._timeout, headers={"X-Api-Key": self._api_key})

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def latest(self, base: str) -> dict[str, Decimal]:
        if self._session is None:
            raise FXProviderError("client not started")
        self.breaker.guard()
        try:
            async with self._session.get(f"{self._base_url}/latest", params={"base": base}) as resp:
                resp.raise_for_status()
                body = await resp.json()
        except (aiohttp.ClientError, TimeoutError) as exc:
            self.breaker.record_failure()
            raise FXProviderError(f"fx provider failed for {base}") from exc
        self.breaker.record_success()
        return {code: Decimal(str(rate)) for code, rate in body["rates"].items()}

    async def historical(self, base: str, on_date: str) -> dict[str, Decimal]:
        async with aiohttp.ClientSession() as session:
            async with session.get(
                f"{self._base_url}/historical/{on_date}",
                params={"base": base},
                headers={"X-Api-Key": self._api_key},
                timeout=aiohttp.ClientTimeout(total=None),
            ) as resp:
                resp.raise_for_status()
                body = await resp.json()
        return {code: Decimal(str(rate)) for code, rate in body["rates"].items()}


fx_client = FXClient()

__all__ = ["FXClient", "FXProviderError", "CircuitOpenError", "fx_client"]
