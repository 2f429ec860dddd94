"""Fare arithmetic, quotes and promo codes."""
from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP

import redis.asyncio as redis
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import PromoCode
from svc.repositories.rider_repo import RiderRepository
from svc.services.eta_service import EtaService
from svc.services.surge import SurgeService
from svc.utils.geo import Point, zone_for

BASE_FARE_CENTS = 250
PER_KM_CENTS = 120
PER_MINUTE_CENTS = 30
MINIMUM_FARE_CENTS = 700
BOOKING_FEE_CENTS = 175


def fare_cents(distance_km: float, minutes: float, multiplier: float) -> int:
    metered = BASE_FARE_CENTS + PER_KM_CENTS * distance_km + PER_MINUTE_CENTS * minutes
    surged = Decimal(str(metered)) * Decimal(str(multiplier))
    total = int(surged.quantize(Decimal("1"), rounding=ROUND_HALF_UP)) + BOOKING_FEE_CENTS
    return max(total, MINIMUM_FARE_CENTS)


def apply_discount(amount_cents: int, percent_off: int) -> int:
    percent_off = max(0, min(percent_off, 100))
    return amount_cents - (amount_cents * percent_off) // 100


def driver_share_cents(fare: int, commission_pct: int = 25) -> int:
    return fare - (fare * commission_pct) // 100


QUOTE_TTL_S = 90


@dataclass(slots=True)
class Quote:
    quote_id: str
    rider_id: int
    zone: str
    distance_km: float
    minutes: float
    surge_multiplier: float
    fare_cents: int
    discount_cents: int


class QuoteCache:
    def __init__(self, redis_client: redis.Redis) -> None:
        self.redis = redis_client

    @staticmethod
    def route_key(zone: str, pickup: tuple[float, float], dropoff: tuple[float, float]) -> str:
        return f"quote:{zone}:{pickup[0]:.4f},{pickup[1]:.4f}:{dropoff[0]:.4f},{dropoff[1]:.4f}"

    async def get_for_route(self, key: str) -> Quote | None:
        raw = await self.redis.get(key)
        return Quote(**json.loads(raw)) if raw else None

    async def put_for_route(self, key: str, quote: Quote) -> None:
        await self.redis.set(key, json.dumps(asdict(quote)), ex=QUOTE_TTL_S)

    async def get(self, quote_id: str) -> Quote | None:
        raw = await self.redis.get(f"quote:id:{quote_id}")
        return Quote(**json.loads(raw)) if raw else None

    async def put(self, quote: Quote) -> None:
        await self.redis.set(f"quote:id:{quote.quote_id}", json.dumps(asdict(quote)), ex=QUOTE_TTL_S)


class PricingService:
    def __init__(self, eta: EtaService, surge: SurgeService, quotes: QuoteCache, riders: RiderRepository) -> None:
        self.eta = eta
        self.surge = surge
        self.quotes = quotes
        self.riders = riders

    async def quote(self, rider_id: int, pickup: Point, dropoff: Point, promo_code: str | None) -> Quote:
        zone = zone_for(pickup)
        route_key = self.quotes.route_key(zone, (pickup.lat, pickup.lng), (dropoff.lat, dropoff.lng))
        cached = await self.quotes.get_for_route(route_key)
        if cached is not None:
            return cached

        estimate = await self.eta.estimate(pickup, dropoff)
        multiplier = float(await self.surge.current(zone))
        fare = fare_cents(estimate.distance_km, estimate.minutes, multiplier)
        discount = 0
        if promo_code:
            promo = await self.riders.promo(promo_code)
            if promo is not None and promo.active and promo.uses < promo.max_uses:
                discount = fare - apply_discount(fare, promo.percent_off)
        quote = Quote(
            quote_id=uuid.uuid4().hex,
            rider_id=rider_id,
            zone=zone,
            distance_km=round(estimate.distance_km, 2),
            minutes=round(estimate.minutes, 1),
            surge_multiplier=multiplier,
            fare_cents=fare,
            discount_cents=discount,
        )
        await self.quotes.put(quote)
        await self.quotes.put_for_route(route_key, quote)
        return quote

    async def confirm(self, rider_id: int, quote_id: str) -> Quote | None:
        quote = await self.quotes.get(quote_id)
        if quote is None or quote.rider_id != rider_id:
            return None
        return quote


class PromoUnavailable(Exception):
    pass


class PromoService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def redeem(self, code: str) -> int:
        result = await self.session.execute(
            update(PromoCode)
            .where(PromoCode.code == code, PromoCode.active.is_(True), PromoCode.uses < PromoCode.max_uses)
            .values(uses=PromoCode.uses + 1)
            .returning(PromoCode.percent_off)
        )
        percent = result.scalar_one_or_none()
        if percent is None:
            await self.session.rollback()
            raise PromoUnavailable(code)
        await self.session.commit()
        return percent

    async def redeem_partner_code(self, code: str) -> int:
        promo = await self.session.get(PromoCode, code)
        if promo is None or not promo.active or promo.uses >= promo.max_uses:
            raise PromoUnavailable(code)
        promo.uses += 1
        await self.session.commit()
        return promo.percent_off
