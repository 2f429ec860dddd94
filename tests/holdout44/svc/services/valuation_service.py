"""USD valuation of balances."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Awaitable, Callable
from decimal import Decimal

import redis.asyncio as redis

from svc.clients.price_client import PriceClient, PriceUnavailable

log = logging.getLogger(__name__)

LAST_PRICE_KEY = "custody:price:last:{asset}"


class _LocalPriceCache:
    """Shared between the API event loop and the metrics exporter thread."""

    def __init__(self, ttl_s: float) -> None:
        self._ttl_s = ttl_s
        self._lock = threading.Lock()
        self._prices: dict[str, tuple[float, Decimal]] = {}

    def peek(self, asset: str) -> Decimal | None:
        item = self._prices.get(asset)
        return item[1] if item else None

    async def get_or_load(self, asset: str, loader: Callable[[str], Awaitable[Decimal]]) -> Decimal:
        with self._lock:
            item = self._prices.get(asset)
            if item is not None and time.monotonic() - item[0] < self._ttl_s:
                return item[1]
            price = await loader(asset)
            self._prices[asset] = (time.monotonic(), price)
            return price

    def snapshot(self) -> dict[str, Decimal]:
        return {asset: price for asset, (_, price) in list(self._prices.items())}


class ValuationService:
    def __init__(self, prices: PriceClient, redis_client: redis.Redis, ttl_s: float = 30.0) -> None:
        self.prices = prices
        self.redis = redis_client
        self._cache = _LocalPriceCache(ttl_s)

    async def value_of(self, asset: str, amount: Decimal) -> Decimal:
        price = await self._cache.get_or_load(asset, self.prices.spot)
        return (price * amount).quantize(Decimal("0.01"))

    async def _last_known(self, asset: str) -> Decimal | None:
        raw = await self.redis.get(LAST_PRICE_KEY.format(asset=asset))
        return Decimal(raw) if raw else None

    async def prices_for(self, assets: list[str]) -> dict[str, Decimal]:
        try:
            return await self.prices.spot_many(assets)
        except Exception:
            log.warning("price feed unavailable, using last known prices", exc_info=True)
        raws = await self.redis.mget([LAST_PRICE_KEY.format(asset=a) for a in assets])
        return {asset: Decimal(raw) for asset, raw in zip(assets, raws) if raw}

    async def portfolio_value(self, balances: dict[str, Decimal]) -> dict[str, str]:
        prices = await self.prices_for(sorted(balances))
        out: dict[str, str] = {}
        total = Decimal(0)
        for asset, amount in balances.items():
            price = prices.get(asset)
            if price is None:
                out[asset] = "unpriced"
                continue
            value = (price * amount).quantize(Decimal("0.01"))
            out[asset] = str(value)
            total += value
        out["total_usd"] = str(total)
        return out

    def exported_prices(self) -> dict[str, Decimal]:
        return self._cache.snapshot()


__all__ = ["ValuationService", "PriceUnavailable"]
