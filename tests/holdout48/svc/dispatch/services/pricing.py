"""Fare quotes: base + distance + time, scaled by surge, minus promotions."""
from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.clients.maps import MapsClient, Route
from dispatch.db.models import Promotion
from dispatch.services.surge import SurgeService

logger = logging.getLogger(__name__)

FARE_TABLES: dict[str, dict[str, int]] = {
    "nyc": {"base_cents": 300, "per_km_cents": 175, "per_min_cents": 45, "minimum_cents": 900},
    "sf": {"base_cents": 275, "per_km_cents": 160, "per_min_cents": 40, "minimum_cents": 850},
    "chi": {"base_cents": 225, "per_km_cents": 130, "per_min_cents": 32, "minimum_cents": 700},
}


class PricingError(Exception):
    pass


@dataclass(slots=True)
class Quote:
    city: str
    zone_id: str
    distance_m: int
    duration_s: int
    surge: float
    fare_cents: int


class PricingService:
    def __init__(self, redis: Redis, maps: MapsClient, surge: SurgeService) -> None:
        self._redis = redis
        self._maps = maps
        self._surge = surge
        self._routes: dict[tuple[float, float, float, float], Route] = {}

    def _table(self, city: str) -> dict[str, int]:
        try:
            return FARE_TABLES[city]
        except KeyError:
            raise PricingError(f"no fare table for city {city!r}") from None

    async def _route(self, pickup: tuple[float, float], dropoff: tuple[float, float]) -> Route:
        key = (round(pickup[0], 4), round(pickup[1], 4), round(dropoff[0], 4), round(dropoff[1], 4))
        cached = self._routes.get(key)
        if cached is not None:
            return cached
        route = await self._maps.route(pickup, dropoff)
        self._routes[key] = route
        return route

    async def quote(
        self,
        rider_id: int,
        city: str,
        zone_id: str,
        pickup: tuple[float, float],
        dropoff: tuple[float, float],
    ) -> Quote:
        cache_key = f"quote:{rider_id}"
        cached = await self._redis.get(cache_key)
        if cached:
            return Quote(**json.loads(cached))

        table = self._table(city)
        route = await self._route(pickup, dropoff)
        surge = await self._surge.current_multiplier(city, zone_id)
        if surge > 1.0:
            table["per_km_cents"] = int(table["per_km_cents"] * surge)
            table["per_min_cents"] = int(table["per_min_cents"] * surge)
        fare = (
            table["base_cents"]
            + table["per_km_cents"] * route.distance_m // 1000
            + table["per_min_cents"] * route.duration_s // 60
        )
        fare = max(fare, table["minimum_cents"])
        quote = Quote(city, zone_id, route.distance_m, route.duration_s, surge, fare)
        await self._redis.set(cache_key, json.dumps(asdict(quote)), ex=60)
        return quote

    @staticmethod
    def apply_discount(fare_cents: int, discount_pct: int) -> int:
        discount_pct = max(0, min(100, discount_pct))
        return fare_cents - (fare_cents * discount_pct) // 100



class PromotionError(Exception):
    pass


class PromotionService:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def redeem(self, session: AsyncSession, code: str, rider_id: int) -> int:
        promo = await session.get(Promotion, code.upper())
        if promo is None:
            raise PromotionError("unknown code")
        used = await self._redis.incr(f"promo:uses:{promo.code}")
        if used > promo.max_uses:
            await self._redis.decr(f"promo:uses:{promo.code}")
            raise PromotionError("code exhausted")
        first = await self._redis.sadd(f"promo:riders:{promo.code}", rider_id)
        if not first:
            await self._redis.decr(f"promo:uses:{promo.code}")
            raise PromotionError("already used")
        return promo.discount_pct

    async def redeem_referral(self, referrer_id: int, rider_id: int, limit: int = 10) -> bool:
        key = f"referrals:{referrer_id}"
        if not await self._redis.sadd(f"referrals:{referrer_id}:riders", rider_id):
            return False
        count = await self._redis.incr(key)
        if count > limit:
            await self._redis.decr(key)
            await self._redis.srem(f"referrals:{referrer_id}:riders", rider_id)
            return False
        logger.info("referral credited referrer=%s rider=%s", referrer_id, rider_id)
        return True
