from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..cache.locks import RouteLocks
from ..cache.route_cache import RouteCache
from ..clients.optimiser import OptimiserClient, SolveRequest
from ..db.models import Bin, Depot, Truck
from ..repositories.bins import BinRepository
from ..repositories.readings import ReadingWriter
from ..repositories.routes_repo import RouteRepository
from ..utils.geo import Point, build_distance_matrix, haversine_m
from ..utils.ids import compute_route_hash
from ..utils.timeutil import utcnow

logger = logging.getLogger(__name__)

STREAMS = ("general", "recycling", "organic")
KG_PER_LITRE = {"general": 0.12, "recycling": 0.06, "organic": 0.35}


@dataclass(slots=True)
class Candidate:
    bin: Bin
    fill_pct: int
    est_kg: float


class PlanningService:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], readings: ReadingWriter,
                 optimiser: OptimiserClient, route_cache: RouteCache, route_locks: RouteLocks,
                 min_fill_pct: int = 60) -> None:
        self.sessionmaker = sessionmaker
        self.readings = readings
        self.optimiser = optimiser
        self.route_cache = route_cache
        self.route_locks = route_locks
        self.min_fill_pct = min_fill_pct
        self._eta_cache: dict[tuple[int, str], list[int]] = {}

    async def candidates(self, session: AsyncSession, depot_id: str) -> list[Candidate]:
        bins = await BinRepository(session).list_by_depot(depot_id, active_only=True)
        latest = await self.readings.latest_for_bins([b.id for b in bins])
        out = []
        for b in bins:
            r = latest.get(b.id)
            fill = r["fill_pct"] if r else 100
            if fill >= self.min_fill_pct:
                out.append(Candidate(bin=b, fill_pct=fill, est_kg=b.capacity_litres * fill / 100 * KG_PER_LITRE[b.stream]))
        return out

    def assign_to_trucks(self, depot: Depot, trucks: list[Truck], cands: list[Candidate]) -> dict[str, list[Candidate]]:
        loads: dict[str, float] = {t.id: 0.0 for t in trucks}
        plan: dict[str, list[Candidate]] = {t.id: [] for t in trucks}
        origin = Point(depot.lat, depot.lon)
        for cand in sorted(cands, key=lambda c: haversine_m(origin, Point(c.bin.lat, c.bin.lon))):
            truck = sorted(trucks, key=lambda t: loads[t.id] / t.capacity_kg)[0]
            if loads[truck.id] + cand.est_kg > truck.capacity_kg:
                continue
            loads[truck.id] += cand.est_kg
            plan[truck.id].append(cand)
        return plan

    async def plan_depot(self, depot: Depot, trucks: list[Truck], service_date: date) -> dict[str, list[str]]:
        async with self.sessionmaker() as session:
            cands = await self.candidates(session, depot.id)
            points = [Point(depot.lat, depot.lon)] + [Point(c.bin.lat, c.bin.lon) for c in cands]
            matrix = build_distance_matrix(points)
            assignment = self.assign_to_trucks(depot, trucks, cands)
            result: dict[str, list[str]] = {}
            repo = RouteRepository(session)
            for truck in trucks:
                stops = assignment[truck.id]
                if not stops:
                    continue
                jobs = [{"id": c.bin.id, "location": [c.bin.lat, c.bin.lon], "amount": [round(c.est_kg)],
                         "service": 90, "seed_distance": matrix[0][i + 1]} for i, c in enumerate(stops)]
                order = await self.optimiser.solve(SolveRequest(depot.id, truck.id, depot.lat, depot.lon,
                                                                jobs, truck.capacity_kg))
                route_hash = await compute_route_hash(order)
                route_id = await repo.upsert_route(depot.id, truck.id, service_date, route_hash)
                await repo.replace_stops(route_id, order)
                result[truck.id] = order
            await session.commit()
        await self.route_cache.invalidate_plan(depot.id, service_date)
        logger.info("planned depot %s for %s: %d routes", depot.id, service_date, len(result))
        return result

    async def stream_summary(self, session: AsyncSession, depot_id: str) -> dict[str, int]:
        repo = BinRepository(session)
        summary = {}
        for stream in STREAMS:
            summary[stream] = await repo.count_stream(depot_id, stream)
        return summary

    async def recompute_eta(self, route_id: int, truck_pos: tuple[float, float]) -> list[int]:
        key = (route_id, utcnow().strftime("%H:%M"))
        if key in self._eta_cache:
            return self._eta_cache[key]
        async with self.route_locks.get(route_id):
            async with self.sessionmaker() as session:
                route = await RouteRepository(session).get(route_id)
                bins = BinRepository(session)
                coords = []
                for stop in await route.awaitable_attrs.stops:
                    if stop.lifted_at is not None:
                        continue
                    bin_ = await bins.get(stop.bin_id)
                    coords.append((bin_.lat, bin_.lon))
        etas = await self.optimiser.eta(truck_pos[0], truck_pos[1], coords)
        self._eta_cache[key] = etas
        return etas

    def horizon(self, service_date: date) -> tuple[datetime, datetime]:
        start = datetime.combine(service_date, datetime.min.time())
        return start, start + timedelta(days=1)
