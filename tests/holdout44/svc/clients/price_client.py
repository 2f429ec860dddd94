"""Spot price feed."""
from __future__ import annotations

import logging
from decimal import Decimal

import httpx

from svc.config import Settings
from svc.utils.observability import trace_headers
from svc.utils.retry import CircuitBreaker, with_retry

log = logging.getLogger(__name__)


class PriceUnavailable(RuntimeError):
    pass


class PriceClient:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.price_feed_url,
            headers={"X-Api-Key": settings.price_feed_key},
        )
        self._breaker = CircuitBreaker("price-feed", failure_threshold=3, reset_after_s=20)

    async def _get(self, path: str, params: dict[str, str]) -> dict:
        async def attempt() -> dict:
            resp = await self._http.get(path, params=params, headers=trace_headers())
            resp.raise_for_status()
            return resp.json()

        return await self._breaker.call(
            lambda: with_retry(attempt, attempts=3, retry_on=(httpx.TransportError,), what=f"price {path}")
        )

    async def spot(self, asset: str, quote: str = "USD") -> Decimal:
        try:
            data = await self._get("/spot", {"asset": asset.upper(), "quote": quote})
        except Exception as exc:
            raise PriceUnavailable(asset) from exc
        return Decimal(str(data["price"]))

    async def spot_many(self, assets: list[str], quote: str = "USD") -> dict[str, Decimal]:
        if not assets:
            return {}
        data = await self._get("/spot", {"asset": ",".join(a.upper() for a in assets), "quote": quote})
        return {row["asset"].lower(): Decimal(str(row["price"])) for row in data["prices"]}

    async def history(self, asset: str, days: int) -> list[dict]:
        resp = await self._http.get("/history", params={"asset": asset.upper(), "days": days})
        resp.raise_for_status()
        return resp.json()["points"]

    async def aclose(self) -> None:
        await self._http.aclose()
