from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from shapely import wkt
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from glide.clients.maps import MapsClient
from glide.models import RebalanceJob, Zone
from glide.repositories.tasks import TaskRepository
from glide.repositories.vehicles import VehicleRepository
from glide.repositories.zones import ZoneRepository

log = logging.getLogger(__name__)


@dataclass
class Move:
    from_zone: int
    to_zone: int
    count: int
    eta_s: int = 0


class RebalancePlanner:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], maps: MapsClient) -> None:
        self._sessions = sessions
        self._maps = maps
        self._plan_lock = asyncio.Lock()
        self._dispatch_lock = asyncio.Lock()
        self._last_plan: dict[int, list[Move]] = {}
        self._eta_sem = asyncio.Semaphore(8)

    @staticmethod
    def _centroid(zone: Zone) -> tuple[float, float]:
        c = wkt.loads(zone.polygon_wkt).centroid
        return (c.y, c.x)

    async def _deficits(self, session: AsyncSession, city_id: int) -> tuple[list[Zone], dict[int, int]]:
        zones = list(await ZoneRepository(session).list_active(city_id))
        vehicles = VehicleRepository(session)
        deficits: dict[int, int] = {}
        for zone in zones:
            available = await vehicles.count_in_zone(zone.id)
            deficits[zone.id] = zone.target_vehicles - available
        return zones, deficits

    async def zone_fill(self, city_id: int) -> dict[int, int]:
        async with self._sessions() as session:
            return await VehicleRepository(session).counts_by_zone(city_id)

    async def _eta(self, src: Zone, dst: Zone) -> int:
        async with self._eta_sem:
            return await self._maps.travel_seconds(self._centroid(src), self._centroid(dst))

    async def plan(self, city_id: int) -> list[Move]:
        async with self._plan_lock:
            async with self._sessions() as session:
                zones, deficits = await self._deficits(session, city_id)
            by_id = {z.id: z for z in zones}
            surplus = sorted((z for z, d in deficits.items() if d < 0), key=lambda z: deficits[z])
            needy = sorted((z for z, d in deficits.items() if d > 0), key=lambda z: -deficits[z])
            moves: list[Move] = []
            for dst in needy:
                need = deficits[dst]
                for src in surplus:
                    spare = -deficits[src]
                    if spare <= 0 or need <= 0:
                        continue
                    n = min(spare, need)
                    moves.append(Move(src, dst, n))
                    deficits[src] += n
                    need -= n
            etas = await asyncio.gather(*(self._eta(by_id[m.from_zone], by_id[m.to_zone]) for m in moves))
            for move, eta in zip(moves, etas):
                move.eta_s = eta
            async with self._dispatch_lock:
                self._last_plan[city_id] = moves
            return moves

    async def _current_plan(self, city_id: int) -> list[Move]:
        async with self._plan_lock:
            return list(self._last_plan.get(city_id, []))

    async def last_plan(self, city_id: int) -> list[Move]:
        return await self._current_plan(city_id)

    async def dispatch(self, city_id: int) -> int:
        created = 0
        async with self._dispatch_lock:
            moves = await self._current_plan(city_id)
            async with self._sessions() as session:
                vehicles = VehicleRepository(session)
                tasks = TaskRepository(session)
                for move in sorted(moves, key=lambda m: m.eta_s):
                    for vehicle in await vehicles.available_in_zone(move.from_zone, move.count):
                        await vehicles.set_status(vehicle.id, VehicleStatus.MAINTENANCE)
                        await tasks.add_rebalance_job(
                            RebalanceJob(vehicle_id=vehicle.id, from_zone_id=move.from_zone, to_zone_id=move.to_zone)
                        )
                        created += 1
                await session.commit()
        log.info("dispatched %d rebalance jobs for city %s", created, city_id)
        return created
