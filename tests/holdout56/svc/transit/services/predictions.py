"""Arrival predictions served to riders: redis first, database behind it."""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from redis.exceptions import RedisError

from transit import state
from transit.cache.arrival_cache import ArrivalCache
from transit.metrics import CACHE_ERRORS
from transit.repos.arrivals import ArrivalsRepository
from transit.repos.stops import StopsRepository
from transit.services.ingest import IngestService
from transit.utils.geo import Point, haversine_m
from transit.utils.timeutil import utcnow

logger = logging.getLogger(__name__)


def _arrival_json(row: Any) -> dict[str, Any]:
    return {
        "trip_id": row["trip_id"],
        "route_id": row["route_id"],
        "predicted_at": row["predicted_at"].isoformat(),
        "delay_s": row["delay_s"],
    }


class PredictionService:
    def __init__(
        self,
        cache: ArrivalCache,
        arrivals: ArrivalsRepository,
        stops: StopsRepository,
        ingest: IngestService,
    ) -> None:
        self._cache = cache
        self._arrivals = arrivals
        self._stops = stops
        self._ingest = ingest

    async def arrivals_for_stop(self, stop_id: str) -> list[dict[str, Any]]:
        cached = await self._cache.get_arrivals(stop_id)
        if cached is not None:
            return cached
        rows = await self._arrivals.upcoming_for_stop(stop_id, utcnow())
        arrivals = [_arrival_json(r) for r in rows]
        try:
            await self._cache.put_arrivals(stop_id, arrivals)
        except (RedisError, OSError):
            pass
        return arrivals

    async def arrivals_for_stops(self, stop_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        try:
            found = await self._cache.get_many(stop_ids)
        except RedisError:
            CACHE_ERRORS.labels(op="get_many").inc()
            logger.warning("arrival cache unavailable, reading %d stops from postgres", len(stop_ids))
            found = {}
        missing = [s for s in stop_ids if s not in found]
        if missing:
            rows = await self._arrivals.upcoming_for_stops(missing, utcnow())
            for row in rows:
                found.setdefault(row["stop_id"], []).append(_arrival_json(row))
        return found

    async def nearby(self, center: Point, radius_m: float) -> list[dict[str, Any]]:
        stops = await self._stops.nearby(center, radius_m)
        ranked = sorted(
            ((s, haversine_m(center, Point(s["lat"], s["lon"]))) for s in stops),
            key=lambda pair: pair[1],
        )
        result = []
        for stop, distance in ranked[:10]:
            rows = await self._arrivals.upcoming_for_stop(stop["stop_id"], utcnow(), limit=5)
            result.append(
                {
                    "stop_id": stop["stop_id"],
                    "name": stop["name"],
                    "distance_m": round(distance),
                    "arrivals": [_arrival_json(r) for r in rows],
                }
            )
        return result

    async def refresh_from_feed(self) -> int:
        """Rebuild cache entries for stops touched by the last trip-update batch."""
        pending = await self._ingest.drain_pending()
        if not pending:
            return 0
        rows = await self._arrivals.upcoming_for_stops(list(pending), utcnow())
        by_stop: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            by_stop.setdefault(row["stop_id"], []).append(_arrival_json(row))
        await self._cache.put_many(by_stop)
        return len(by_stop)

    async def refresh_recent(self) -> int:
        since = utcnow() - timedelta(minutes=2)
        stop_ids = await self._arrivals.stops_touched_since(since)
        rows = await self._arrivals.upcoming_for_stops(stop_ids, utcnow())
        by_stop: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            by_stop.setdefault(row["stop_id"], []).append(_arrival_json(row))
        await self._cache.put_many(by_stop)
        return len(by_stop)

    async def vehicles_near_stop(self, stop_id: str, route_id: str) -> list[dict[str, Any]]:
        stop = await self._stops.get_stop(stop_id)
        if stop is None:
            return []
        async with state.snapshot_lock:
            vehicles = [dict(v) for v in self._ingest.latest_by_route.get(route_id, [])]
            async with state.feed_lock:
                pending = len(self._ingest.pending_stop_times.get(stop_id, []))
        here = Point(stop["lat"], stop["lon"])
        for v in vehicles:
            v["distance_m"] = round(haversine_m(here, Point(v["lat"], v["lon"])))
            v["pending_updates"] = pending
        return sorted(vehicles, key=lambda v: v["distance_m"])

    async def first_arrival(self, stop_id: str) -> dict[str, Any] | None:
        arrivals = await self._cache.get_arrival(stop_id)
        return arrivals[0] if arrivals else None
