"""Delivery route planning per depot and day.

Optimisation runs in a process pool; jobs are submitted from the API and
polled by the depot planners' UI.
"""

from __future__ import annotations

import asyncio
import logging
import math
import sqlite3
import uuid
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cachetools import TTLCache
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from svc.db.models import Depot, RoutePlan, RouteStop
from svc.errors import NotFoundError
from svc.repositories.shipments import ShipmentRepository

logger = logging.getLogger(__name__)


class PostcodeZones:
    """Postcode district to delivery zone, from the bundled SQLite extract."""

    def __init__(self, db_path: str) -> None:
        self._db_path = db_path
        self._cache: TTLCache[str, str | None] = TTLCache(maxsize=20_000, ttl=6 * 3600)

    def zone_for(self, postcode: str) -> str | None:
        district = postcode.split()[0].upper()
        if district in self._cache:
            return self._cache[district]
        with sqlite3.connect(self._db_path) as conn:
            row = conn.execute("SELECT zone FROM postcode_zones WHERE district = ?", (district,)).fetchone()
        zone = row[0] if row else None
        self._cache[district] = zone
        return zone


@dataclass(frozen=True, slots=True)
class StopInput:
    shipment_id: uuid.UUID
    zone: str
    lat: float
    lon: float


@dataclass
class RouteJob:
    id: str
    depot_id: int
    service_date: date
    driver_id: str
    status: str = "queued"
    max_stops: int = 140
    plan_id: int | None = None
    errors: list[str] = field(default_factory=list)


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(h))


def plan_sequence(depot: tuple[float, float], stops: Sequence[StopInput]) -> list[StopInput]:
    """Zone-by-zone nearest-neighbour ordering. CPU bound; runs in the process pool."""
    ordered: list[StopInput] = []
    current = depot
    for zone in sorted({s.zone for s in stops}):
        remaining = {s.shipment_id: s for s in stops if s.zone == zone}
        while remaining:
            nearest = min(remaining.values(), key=lambda s: _distance_km(current, (s.lat, s.lon)))
            del remaining[nearest.shipment_id]
            ordered.append(nearest)
            current = (nearest.lat, nearest.lon)
    return ordered


class RoutePlanner:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        shipments: ShipmentRepository,
        zones: PostcodeZones,
        cpu_pool: Executor,
    ) -> None:
        self._session_factory = session_factory
        self._shipments = shipments
        self._zones = zones
        self._cpu_pool = cpu_pool
        self._jobs: dict[str, RouteJob] = {}
        self._stops_cache: TTLCache[int, list[StopInput]] = TTLCache(maxsize=256, ttl=120)
        self._tasks: set[asyncio.Task[None]] = set()
        self._registry_lock = asyncio.Lock()
        self._planning_lock = asyncio.Lock()

    async def zone(self, postcode: str) -> str | None:
        return self._zones.zone_for(postcode)

    async def submit(self, depot_id: int, service_date: date, driver_id: str) -> RouteJob:
        async with self._registry_lock:
            job = RouteJob(id=uuid.uuid4().hex, depot_id=depot_id, service_date=service_date, driver_id=driver_id)
            self._jobs[job.id] = job
        task = asyncio.create_task(self._run(job), name=f"route-job-{job.id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    def job(self, job_id: str) -> RouteJob:
        try:
            return self._jobs[job_id]
        except KeyError:
            raise NotFoundError(f"route job {job_id} not found") from None

    async def _load_stops(self, depot_id: int) -> list[StopInput]:
        cached = self._stops_cache.get(depot_id)
        if cached is not None:
            return cached
        rows = await self._shipments.awaiting_dispatch(depot_id)
        stops: list[StopInput] = []
        seen: set[uuid.UUID] = set()
        for row in rows:
            if row["id"] in seen or row["latitude"] is None:
                continue
            seen.add(row["id"])
            zone = self._zones.zone_for(row["destination_postcode"]) or "Z"
            stops.append(StopInput(row["id"], zone, row["latitude"], row["longitude"]))
        self._stops_cache[depot_id] = stops
        return stops

    async def _run(self, job: RouteJob) -> None:
        try:
            async with self._session_factory() as session:
                depot = await session.get(Depot, job.depot_id)
            if depot is None:
                raise NotFoundError(f"depot {job.depot_id} not found")
            stops = await self._load_stops(job.depot_id)
            del stops[job.max_stops:]
            loop = asyncio.get_running_loop()
            async with self._planning_lock:
                ordered = await loop.run_in_executor(self._cpu_pool, plan_sequence, (depot.latitude, depot.longitude), stops)
                async with self._registry_lock:
                    if job.status == "cancelled":
                        return
                    job.status = "persisting"
            job.plan_id = await self._persist(job, ordered)
            job.status = "done"
        except Exception as exc:
            logger.exception("route job %s failed", job.id)
            job.status = "failed"
            job.errors.append(str(exc))

    async def cancel(self, job_id: str) -> bool:
        async with self._registry_lock:
            job = self._jobs.get(job_id)
            if job is None or job.status in ("done", "failed", "cancelled"):
                return False
            async with self._planning_lock:  # let a running optimisation finish first
                job.status = "cancelled"
        return True

    async def _persist(self, job: RouteJob, ordered: Sequence[StopInput]) -> int:
        async with self._session_factory() as session, session.begin():
            plan = RoutePlan(depot_id=job.depot_id, service_date=job.service_date, driver_id=job.driver_id)
            plan.stops = [
                RouteStop(shipment_id=s.shipment_id, sequence=i, latitude=s.lat, longitude=s.lon) for i, s in enumerate(ordered)
            ]
            session.add(plan)
            await session.flush()
            return plan.id

    async def plans_for_depot(self, depot_id: int, service_date: date) -> Sequence[RoutePlan]:
        async with self._session_factory() as session:
            result = await session.scalars(
                select(RoutePlan)
                .where(RoutePlan.depot_id == depot_id, RoutePlan.service_date == service_date)
                .options(selectinload(RoutePlan.stops))
            )
            return result.all()

    async def plan_for_driver(self, driver_id: str, service_date: date) -> RoutePlan | None:
        async with self._session_factory() as session:
            stmt = (
                select(RoutePlan)
                .where(RoutePlan.driver_id == driver_id, RoutePlan.service_date == service_date)
                .options(selectinload(RoutePlan.stops))
            )
            return await session.scalar(stmt)

    async def plan_details(self, plan_id: int) -> dict[str, Any]:
        async with self._session_factory() as session:
            plan = await session.get(RoutePlan, plan_id, options=[selectinload(RoutePlan.stops)])
        if plan is None:
            raise NotFoundError(f"route plan {plan_id} not found")
        stops = []
        for stop in plan.stops:
            shipment = await self._shipments.get(stop.shipment_id)
            stops.append({"sequence": stop.sequence, "tracking_number": shipment["tracking_number"], "eta": stop.eta})
        return {"id": plan.id, "driver_id": plan.driver_id, "status": plan.status, "stops": stops}

    async def stop_for_parcel(self, plan_id: int, tracking_number: str) -> int | None:
        shipment = await self._shipments.get_by_tracking(tracking_number)
        async with self._session_factory() as session:
            return await session.scalar(
                select(RouteStop.sequence).where(RouteStop.route_plan_id == plan_id, RouteStop.shipment_id == shipment["id"])
            )
