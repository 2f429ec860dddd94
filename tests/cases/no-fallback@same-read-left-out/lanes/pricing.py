"""`suggest` answers default rates when the market read fails; `quote` makes the very same read
bare. `strict_quote` lets the failure go to a route that answers it; `record` drops its answer."""
import httpx
from aiobreaker import CircuitBreakerError

from lanes.rates import RatesClient

DEFAULT_CPM = 260


class PricingService:
    def __init__(self, rates: RatesClient) -> None:
        self._rates = rates

    async def suggest(self, origin: str, dest: str, miles: int) -> int:
        try:
            market = await self._rates.lane_rate(origin, dest)
        except (httpx.HTTPError, CircuitBreakerError):
            return DEFAULT_CPM * miles
        return market["avg"] * miles

    async def quote(self, origin: str, dest: str, miles: int) -> int:
        market = await self._rates.lane_rate(origin, dest)  # expect: no-fallback
        return int(market["avg"] * miles * 1.15)

    async def strict_quote(self, origin: str, dest: str, miles: int) -> int:
        market = await self._rates.lane_rate(origin, dest)
        return market["high"] * miles

    async def record(self, units: int) -> None:
        await self._rates.report_usage(units)
