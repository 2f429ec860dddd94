"""Turns fetched GTFS-realtime payloads into rows, cache entries and live events."""
from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from datetime import datetime

from transit import state
from transit.cache.arrival_cache import VehicleSnapshotCache
from transit.clients.operator_feed import FetchResult
from transit.gtfs.decoder import DecodedFeed, StopTimeRecord, VehicleRecord, decode_feed
from transit.metrics import FEED_ENTITIES, FEED_LAG
from transit.repos.alerts import AlertsRepository
from transit.repos.arrivals import ArrivalsRepository
from transit.repos.positions import PositionsRepository, TripUpdatesRepository
from transit.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

_last_header: dict[str, datetime] = {}


class IngestService:
    def __init__(
        self,
        positions: PositionsRepository,
        trip_updates: TripUpdatesRepository,
        arrivals: ArrivalsRepository,
        alerts: AlertsRepository,
        snapshots: VehicleSnapshotCache,
        decoder_pool: ProcessPoolExecutor,
    ) -> None:
        self._positions = positions
        self._trip_updates = trip_updates
        self._arrivals = arrivals
        self._alerts = alerts
        self._snapshots = snapshots
        self._decoder_pool = decoder_pool
        self.latest_by_route: dict[str, list[dict]] = {}
        self.pending_stop_times: dict[str, list[StopTimeRecord]] = {}

    async def decode(self, payload: bytes) -> DecodedFeed:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._decoder_pool, decode_feed, payload)

    async def ingest(self, result: FetchResult) -> int:
        if result.payload is None:
            return 0
        source = result.source
        feed = await self.decode(result.payload)
        key = f"{source.operator}:{source.kind}"
        previous = _last_header.get(key)
        if feed.header_ts is not None and previous is not None and feed.header_ts <= previous:
            logger.debug("feed %s unchanged since %s", key, previous)
            return 0
        if feed.header_ts is not None:
            _last_header[key] = feed.header_ts
            FEED_LAG.labels(source.operator, source.kind).set((utcnow() - feed.header_ts).total_seconds())

        if source.kind == "vehicle_positions":
            count = await self._ingest_vehicles(source.operator, feed.vehicles)
        elif source.kind == "trip_updates":
            count = await self._ingest_trip_updates(source.operator, feed.stop_times)
        else:
            changed = await self._alerts.upsert(source.operator, feed.alerts, utcnow())
            count = len(changed)
        FEED_ENTITIES.labels(source.operator, source.kind).inc(count)
        return count

    async def _ingest_vehicles(self, operator: str, vehicles: list[VehicleRecord]) -> int:
        await self._positions.insert_positions(operator, vehicles)
        route_ids: list[str] = []
        for v in vehicles:
            if v.route_id and v.route_id not in route_ids:
                route_ids.append(v.route_id)
        async with state.feed_lock:
            async with state.snapshot_lock:
                for route_id in route_ids:
                    on_route = [_vehicle_json(v) for v in vehicles if v.route_id == route_id]
                    self.latest_by_route[route_id] = on_route
                    await self._snapshots.store(route_id, on_route)
                    self._snapshots.publish(f"vehicles:{route_id}", {"route_id": route_id, "vehicles": on_route})
        return len(vehicles)

    async def _ingest_trip_updates(self, operator: str, stop_times: list[StopTimeRecord]) -> int:
        now = utcnow()
        rows_by_trip: dict[str, tuple] = {}
        for st in stop_times:
            rows_by_trip[st.trip_id] = (st.trip_id, st.route_id, st.schedule_relationship, st.delay_s, None, now)
        await self._trip_updates.insert_many(operator, list(rows_by_trip.values()))
        await self._arrivals.upsert(stop_times, now)
        async with state.feed_lock:
            for st in stop_times:
                self.pending_stop_times.setdefault(st.stop_id, []).append(st)
        return len(stop_times)

    async def drain_pending(self) -> dict[str, list[StopTimeRecord]]:
        async with state.feed_lock:
            pending, self.pending_stop_times = self.pending_stop_times, {}
        return pending


def _vehicle_json(v: VehicleRecord) -> dict:
    data = asdict(v)
    data["recorded_at"] = v.recorded_at.isoformat()
    return data
