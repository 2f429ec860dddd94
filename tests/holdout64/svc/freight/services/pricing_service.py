from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from types import MappingProxyType

import httpx

from ..caches import QuoteCache, equipment_factor
from ..clients.market_rates import LaneRate, MarketRatesClient
from ..utils.resilience import CircuitOpen

log = logging.getLogger(__name__)

DEFAULT_CPM_BY_EQUIPMENT = MappingProxyType({"van": 245, "reefer": 290, "flatbed": 275, "step_deck": 300})
TARGET_MARGIN = 0.14

_rate_overrides: dict[str, float] = {}


@dataclass(frozen=True)
class Quote:
    lane: str
    miles: int
    carrier_cost_cents: int
    shipper_price_cents: int
    source: str


def set_override(lane: str, multiplier: float) -> None:
    _rate_overrides[lane] = multiplier


def clear_overrides() -> None:
    _rate_overrides.clear()


class PricingService:
    def __init__(self, market: MarketRatesClient, cache: QuoteCache) -> None:
        self._market = market
        self._cache = cache

    def _price(self, lane: str, rate: LaneRate, hazmat: bool, source: str) -> Quote:
        cpm = rate.avg_cents_per_mile * equipment_factor(rate.equipment, hazmat) * _rate_overrides.get(lane, 1.0)
        cost = int(cpm * rate.miles)
        return Quote(lane=lane, miles=rate.miles, carrier_cost_cents=cost,
                     shipper_price_cents=int(cost * (1 + TARGET_MARGIN)), source=source)

    async def quote(self, origin: str, dest: str, equipment: str, hazmat: bool = False) -> Quote:
        lane = QuoteCache.lane_key(origin, dest, equipment)
        cached = await self._cache.get_quote(lane)
        if cached is not None:
            return Quote(**cached)
        market = await self._market.lane_rate(origin, dest, equipment)
        quote = self._price(lane, market, hazmat, "market")
        await self._cache.put_quote(lane, asdict(quote))
        return quote

    async def suggest_max_rate(self, origin: str, dest: str, equipment: str, miles_hint: int) -> int:
        lane = QuoteCache.lane_key(origin, dest, equipment)
        try:
            market = await self._market.lane_rate(origin, dest, equipment.lower())
        except (httpx.HTTPError, CircuitOpen) as exc:
            log.warning("market rates unavailable, using defaults", extra={"lane": lane, "error": str(exc)})
            cpm = DEFAULT_CPM_BY_EQUIPMENT.get(equipment, 260)
            return int(cpm * miles_hint)
        return self._price(lane, market, False, "market").carrier_cost_cents
