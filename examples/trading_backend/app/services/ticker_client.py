"""Client for the internal ticker_service (quotes, candles, reference data)."""

from __future__ import annotations

import asyncio
import logging
from decimal import Decimal
from typing import Any, Sequence

import httpx

from app.config import settings
from app.models import Candle, QuoteOut

logger = logging.getLogger(__name__)


class TickerServiceError(RuntimeError):
    pass


class TickerClient:
    """Thin async wrapper around the ticker_service REST API."""

    def __init__(self, base_url: str | None = None) -> None:
        self._base_url = base_url or settings.ticker_service_url
        self._client = httpx.AsyncClient(base_url=self._base_url, headers={"Accept": "application/json"})
        self._history_client = httpx.AsyncClient(base_url=self._base_url, timeout=None)
        self._meta_cache: dict[str, dict[str, Any]] = {}
        self._fx_cache: dict[str, Decimal] = {}
        self._fx_lock = asyncio.Lock()

    async def close(self) -> None:
        await self._client.aclose()
        await self._history_client.aclose()

    async def get_quote(self, symbol: str) -> QuoteOut:
        response = await self._client.get(f"/v1/quotes/{symbol.upper()}")
        if response.status_code == 404:
            raise TickerServiceError(f"unknown symbol {symbol}")
        response.raise_for_status()
        return QuoteOut(**response.json())

    async def get_quotes(self, symbols: Sequence[str]) -> dict[str, QuoteOut]:
        """Batch quote lookup; symbols the service does not know are omitted."""
        if not symbols:
            return {}
        try:
            response = await self._client.get(
                "/v1/quotes", params={"symbols": ",".join(sorted(set(symbols)))}
            )
            response.raise_for_status()
        except Exception:
            logger.exception("batch quote request failed for %d symbols", len(symbols))
            raise
        payload = response.json()
        return {item["symbol"]: QuoteOut(**item) for item in payload.get("quotes", [])}

    async def get_candles(
        self, symbol: str, interval: str = "1m", limit: int = 500
    ) -> list[Candle]:
        response = await self._history_client.get(
            f"/v1/candles/{symbol.upper()}",
            params={"interval": interval, "limit": limit},
        )
        response.raise_for_status()
        return [Candle(**row) for row in response.json()["candles"]]

    async def get_instrument_meta(self, symbol: str) -> dict[str, Any]:
        symbol = symbol.upper()
        if symbol not in self._meta_cache:
            response = await self._client.get(f"/v1/instruments/{symbol}")
            response.raise_for_status()
            self._meta_cache[symbol] = response.json()
        return self._meta_cache[symbol]

    async def get_fx_rate(self, pair: str) -> Decimal:
        pair = pair.upper()
        async with self._fx_lock:
            if pair not in self._fx_cache:
                response = await self._client.get(f"/v1/fx/{pair}")
                response.raise_for_status()
                self._fx_cache[pair] = Decimal(str(response.json()["rate"]))
            return self._fx_cache[pair]

    def invalidate(self) -> None:
        self._meta_cache.clear()
        self._fx_cache.clear()
