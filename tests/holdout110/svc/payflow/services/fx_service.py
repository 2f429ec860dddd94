from __future__ import annotations

from decimal import Decimal

from payflow.cache.ttl_cache import TTLCache
from payflow.clients.fx_client import FxClient
from payflow.utils.common import to_cents


class FxService:
    def __init__(self, client: FxClient) -> None:
        self.client = client
        self._rates: TTLCache[tuple[str, str], Decimal] = TTLCache(maxsize=512, ttl=600)

    async def rate(self, base: str, quote: str) -> Decimal:
        if base == quote:
            return Decimal("1")
        cached = self._rates.get((base, quote))
        if cached is not None:
            return cached
        value = await self.client.rate(base, quote)
        self._rates.set((base, quote), value)
        return value

    async def convert(self, amount: Decimal, base: str, quote: str) -> Decimal:
        return to_cents(amount * await self.rate(base, quote))
