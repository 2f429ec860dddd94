"""Best-available-rate quoting."""
from __future__ import annotations

import functools
import logging
from datetime import date
from decimal import Decimal

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from svc.caches.rate_cache import TTLCache
from svc.clients.fx import FxClient
from svc.clients.rate_shopper import RateShopperClient
from svc.db.models import Hotel
from svc.repositories import rates as rates_repo
from svc.schemas import Quote, StayRequest
from svc.utils.dates import nights, stay_dates
from svc.utils.money import q

logger = logging.getLogger(__name__)

MEAL_PLAN_SUPPLEMENT = {"RO": Decimal("0"), "BB": Decimal("18.00"), "HB": Decimal("42.00")}
COMPSET_CEILING = Decimal("1.15")

_OVERRIDES: dict[tuple[int, date], Decimal] = {}


class NoRateAvailable(Exception):
    pass


def set_override(rate_plan_id: int, day: date, amount: Decimal | None) -> None:
    if amount is None:
        _OVERRIDES.pop((rate_plan_id, day), None)
    else:
        _OVERRIDES[(rate_plan_id, day)] = amount


@functools.lru_cache(maxsize=None)
def city_tax(hotel_code: str, stay_date: date, adults: int) -> Decimal:
    per_person = Decimal("3.50") if stay_date.month in (6, 7, 8) else Decimal("2.50")
    if hotel_code.startswith("AMS"):
        per_person = Decimal("7.00")
    return q(per_person * adults)


@functools.lru_cache(maxsize=64)
def supplement_for(meal_plan: str, adults: int, children: int) -> Decimal:
    base = MEAL_PLAN_SUPPLEMENT.get(meal_plan, Decimal("0"))
    return q(base * adults + base * children / 2)


class PricingService:
    def __init__(self, shopper: RateShopperClient, fx: FxClient) -> None:
        self._shopper = shopper
        self._fx = fx
        self._quotes: TTLCache[Quote] = TTLCache(ttl_seconds=60, maxsize=5000)
        self._last_fx: dict[tuple[str, str], Decimal] = {}

    async def quote(self, session: AsyncSession, req: StayRequest, currency: str) -> Quote:
        key = (req.hotel_id, req.room_type_id, req.rate_plan_id, req.check_in, req.check_out, req.adults)

        async def load() -> Quote:
            return await self._compute(session, req, currency)

        return await self._quotes.get_or_load(key, load)

    async def _fx_rate(self, base: str, target: str) -> Decimal:
        try:
            rate = await self._fx.rate(base, target)
        except (httpx.HTTPError, KeyError) as exc:
            cached = self._last_fx.get((base, target))
            if cached is None:
                raise NoRateAvailable(f"no FX rate {base}->{target}") from exc
            logger.warning("FX lookup failed (%s); using last known %s->%s", exc, base, target)
            return cached
        self._last_fx[(base, target)] = rate
        return rate

    async def _compute(self, session: AsyncSession, req: StayRequest, currency: str) -> Quote:
        hotel = await session.get(Hotel, req.hotel_id)
        plan = await rates_repo.get_plan(session, req.rate_plan_id)
        if hotel is None or plan is None or not plan.active:
            raise NoRateAvailable("unknown hotel or rate plan")
        rates = await rates_repo.daily_rates(session, plan.id, req.room_type_id, req.check_in, req.check_out)

        nightly: list[Decimal] = []
        for day in stay_dates(req.check_in, req.check_out):
            row = rates.get(day)
            if row is None or row.closed:
                raise NoRateAvailable(f"closed on {day}")
            amount = _OVERRIDES.get((plan.id, day), row.amount)
            amount += supplement_for(plan.meal_plan, req.adults, req.children)
            amount += city_tax(hotel.code, day, req.adults)
            nightly.append(q(amount))

        try:
            compset = await self._shopper.median_competitor_rate(hotel.code, req.check_in)
        except httpx.HTTPError:
            logger.info("rate shopper unavailable for %s", hotel.code)
            compset = None
        if compset is not None and nights(req.check_in, req.check_out) == 1:
            nightly[0] = min(nightly[0], q(compset * COMPSET_CEILING))

        fx = await self._fx_rate(hotel.currency, currency)
        converted = [q(n * fx) for n in nightly]
        return Quote(
            room_type_id=req.room_type_id,
            rate_plan_id=plan.id,
            nightly=converted,
            total=q(sum(converted, Decimal(0))),
            currency=currency,
        )

    def invalidate_hotel(self, hotel_id: int) -> None:
        self._quotes.invalidate_prefix((hotel_id,))
