from decimal import Decimal

from fxapp.errors import UpstreamError
from fxapp.rates import RatesClient


class RateBoard:
    """Indicative rates: served from the last known value when the provider is down."""

    def __init__(self, rates: RatesClient) -> None:
        self._rates = rates
        self._last: dict[tuple[str, str], Decimal] = {}

    async def indicative(self, base: str, quote: str) -> Decimal:
        try:
            rate = await self._rates.pair(base, quote)
        except UpstreamError:
            cached = self._last.get((base, quote))
            if cached is None:
                raise
            return cached
        self._last[(base, quote)] = rate
        return rate


class Quoter:
    def __init__(self, rates: RatesClient) -> None:
        self._rates = rates

    async def quote(self, sell: str, buy: str, amount: Decimal) -> Decimal:
        rate = await self._rates.pair(sell, buy)  # expect: no-fallback
        return amount * rate
