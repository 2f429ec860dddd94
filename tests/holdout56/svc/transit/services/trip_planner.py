"""Trip planning: geocode, ask the routing engine, decorate legs with live data."""
from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import defaultdict, deque
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from transit.clients import geocoder
from transit.clients.routing_engine import PlanRequest, RoutingEngineClient
from transit.repos.positions import TripUpdatesRepository
from transit.repos.stops import StopsRepository

logger = logging.getLogger(__name__)


class PlanRateLimited(Exception):
    pass


class TripPlanner:
    def __init__(
        self,
        engine: RoutingEngineClient,
        redis: Redis,
        stops: StopsRepository,
        trip_updates: TripUpdatesRepository,
        cache_ttl_s: int,
        per_minute: int = 20,
    ) -> None:
        self._engine = engine
        self._redis = redis
        self._stops = stops
        self._trip_updates = trip_updates
        self._cache_ttl_s = cache_ttl_s
        self._per_minute = per_minute
        self._recent: dict[int, deque[float]] = defaultdict(deque)

    def _check_rate(self, rider_id: int) -> None:
        window = self._recent[rider_id]
        now = time.monotonic()
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self._per_minute:
            raise PlanRateLimited(rider_id)
        window.append(now)

    async def resolve(self, text: str) -> tuple[float, float] | None:
        point = await geocoder.geocode(text)
        return (point.lat, point.lon) if point else None

    async def plan(self, rider_id: int, req: PlanRequest) -> dict[str, Any]:
        self._check_rate(rider_id)
        cache_key = f"plan:{req.from_lat:.4f},{req.from_lon:.4f}:{req.to_lat:.4f},{req.to_lon:.4f}:{int(req.wheelchair)}"
        try:
            cached = await self._redis.get(cache_key)
        except RedisError:
            cached = None
            logger.warning("plan cache read failed", exc_info=True)
        if cached:
            return json.loads(cached)

        plan = await self._engine.plan(req)
        itineraries = plan.get("itineraries", [])
        await self._decorate(itineraries)
        result = {"from": plan.get("from"), "to": plan.get("to"), "itineraries": itineraries}
        try:
            await self._redis.set(cache_key, json.dumps(result), ex=self._cache_ttl_s)
        except RedisError:
            logger.warning("plan cache write failed", exc_info=True)
        return result

    async def _decorate(self, itineraries: list[dict[str, Any]]) -> None:
        stop_ids = {
            leg[end]["stopId"]
            for it in itineraries
            for leg in it.get("legs", [])
            for end in ("from", "to")
            if leg.get(end, {}).get("stopId")
        }
        stops = await self._stops.get_stops(sorted(stop_ids))
        for it in itineraries:
            for leg in it.get("legs", []):
                for end in ("from", "to"):
                    stop_id = leg.get(end, {}).get("stopId")
                    if stop_id in stops:
                        leg[end]["zone_id"] = stops[stop_id]["zone_id"]
                trip_id = leg.get("tripId")
                if trip_id:
                    update = await self._trip_updates.latest_for_trip(trip_id)
                    leg["realtime_delay_s"] = update["delay_s"] if update else None

    @staticmethod
    def request_fingerprint(req: PlanRequest) -> str:
        raw = f"{req.from_lat}:{req.from_lon}:{req.to_lat}:{req.to_lon}:{req.depart_at.isoformat()}"
        return hashlib.sha1(raw.encode()).hexdigest()
