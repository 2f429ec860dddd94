"""Rate quotes for shippers built from market data and our own lane history."""
from __future__ import annotations

import asyncio
import logging
from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from freightline.cache import RateCache
from freightline.clients.rates import DatClient, Lane, MarketRate, RateAPIError, TruckstopClient
from freightline.config import Settings
from freightline.db.models import Load, LoadStatus
from freightline.schemas import QuoteOut, QuoteRequest
from freightline.utils.resilience import CircuitOpenError

logger = logging.getLogger(__name__)

BROKER_MARGIN = 0.14
FUEL_BASE_CENTS_PER_GALLON = 125
MPG = 6.5


@lru_cache(maxsize=4096)
def normalise_city(raw: str) -> str:
    city, _, state = raw.partition(",")
    return f"{city.strip().title()}, {state.strip().upper()}" if state else city.strip().title()


def fuel_surcharge_cents(miles: int, diesel_cents_per_gallon: int) -> int:
    over = max(0, diesel_cents_per_gallon - FUEL_BASE_CENTS_PER_GALLON)
    return round(miles / MPG * over)


class QuoteService:
    def __init__(
        self,
        session: AsyncSession,
        dat: DatClient,
        truckstop: TruckstopClient,
        cache: RateCache,
        settings: Settings,
    ) -> None:
        self._session = session
        self._dat = dat
        self._truckstop = truckstop
        self._cache = cache
        self._settings = settings

    def _lane(self, req: QuoteRequest) -> Lane:
        return Lane(normalise_city(req.origin), normalise_city(req.destination), req.equipment, req.pickup)

    async def instant_quote(self, req: QuoteRequest, diesel_cents: int) -> QuoteOut:
        lane = self._lane(req)
        cached = self._cache.get(lane.key)
        if cached is not None:
            return QuoteOut(**cached)
        source = "dat"
        try:
            rate = await self._dat.spot_rate(lane)
        except (RateAPIError, CircuitOpenError) as exc:
            logger.warning("DAT unavailable for %s: %s; using lane history", lane.key, exc)
            rate = await self._historical_rate(lane)
            source = "history"
        quote = self._price(lane, rate, diesel_cents, source)
        self._cache.put(lane.key, quote.model_dump())
        return quote

    async def market_comparison(self, req: QuoteRequest, diesel_cents: int) -> dict[str, QuoteOut]:
        lane = self._lane(req)
        dat_rate, ts_rate = await asyncio.gather(self._dat.spot_rate(lane), self._truckstop.spot_rate(lane))
        return {
            "dat": self._price(lane, dat_rate, diesel_cents, "dat"),
            "truckstop": self._price(lane, ts_rate, diesel_cents, "truckstop"),
        }

    def _price(self, lane: Lane, rate: MarketRate, diesel_cents: int, source: str) -> QuoteOut:
        override = self._settings.lane_overrides.get(f"{lane.origin}|{lane.destination}", 1.0)
        linehaul = round(rate.per_mile_cents * rate.miles * override)
        fuel = fuel_surcharge_cents(rate.miles, diesel_cents)
        total = round((linehaul + fuel) * (1 + BROKER_MARGIN))
        return QuoteOut(
            lane=f"{lane.origin} -> {lane.destination}",
            per_mile_cents=rate.per_mile_cents,
            total_cents=total,
            miles=rate.miles,
            source=source,
            fuel_surcharge_cents=fuel,
        )

    async def _historical_rate(self, lane: Lane) -> MarketRate:
        since = date.today() - timedelta(days=90)
        stmt = select(func.avg(Load.agreed_rate_cents), func.count()).where(
            Load.status == LoadStatus.DELIVERED,
            Load.origin_city == lane.origin.split(",")[0],
            Load.dest_city == lane.destination.split(",")[0],
            Load.pickup_at >= since,
        )
        avg_cents, n = (await self._session.execute(stmt)).one()
        if not n:
            raise RateAPIError(f"no market data or history for {lane.key}")
        miles = 500
        return MarketRate(provider="history", per_mile_cents=round(avg_cents / miles), low_cents=0, high_cents=0, miles=miles)
