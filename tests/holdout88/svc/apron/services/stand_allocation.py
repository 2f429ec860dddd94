"""Gate and stand allocation with conflict checks."""
from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from apron.errors import Conflict, NotFound
from apron.models import Flight, StandAllocation
from apron.repositories.flights import FlightRepository
from apron.repositories.stands import StandRepository
from apron.services.apron_map import ApronMapHub
from apron.services.turnaround import TurnaroundService
from apron.services.weather import WeatherService
from apron.utils.iata import size_class_for
from apron.utils.locks import KeyedLocks

log = logging.getLogger(__name__)

BUFFER = timedelta(minutes=10)


def block_window(flight: Flight) -> tuple[datetime, datetime]:
    on_block = (flight.eta or flight.sta or flight.std) - BUFFER
    off_block = (flight.etd or flight.std or flight.sta) + BUFFER
    return on_block, off_block


class StandAllocationService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        locks: KeyedLocks,
        turnaround: TurnaroundService,
        weather: WeatherService,
        hub: ApronMapHub,
    ) -> None:
        self._sf = session_factory
        self._locks = locks
        self._turnaround = turnaround
        self._weather = weather
        self._hub = hub

    async def assign(self, flight_id: int, stand_id: int, by: str) -> StandAllocation:
        async with self._locks.get(f"stand:{stand_id}"):
            async with self._sf() as session, session.begin():
                flights = FlightRepository(session)
                stands = StandRepository(session)
                flight = await flights.get(flight_id)
                if flight is None:
                    raise NotFound(f"flight {flight_id}")
                stand = await stands.lock_stand(stand_id)
                if stand is None or stand.airport != flight.airport:
                    raise NotFound(f"stand {stand_id} at {flight.airport}")
                on_block, off_block = block_window(flight)
                clashes = await stands.conflicting(stand_id, on_block, off_block, exclude_flight=flight_id)
                if clashes:
                    raise Conflict(f"stand {stand.code} taken by flight {clashes[0].flight_id}")
                await stands.release_flight(flight_id)
                alloc = await stands.create_allocation(stand_id, flight_id, on_block, off_block, by=by)
            await self._turnaround.rebase_deadlines(flight, stand_id)
        log.info("stand %s assigned to %s by %s", stand.code, flight.key, by)
        await self._hub.publish({"airport": flight.airport, "type": "stand_assigned", "stand": stand.code, "flight": flight.key})
        return alloc

    async def auto_assign(self, flight_id: int) -> StandAllocation | None:
        async with self._sf() as session:
            flight = await FlightRepository(session).get(flight_id)
        if flight is None:
            raise NotFound(f"flight {flight_id}")
        closed = await self._weather.closed_stands(flight.airport)
        on_block, off_block = block_window(flight)
        async with self._sf() as session, session.begin():
            stands = StandRepository(session)
            for stand in await stands.stands_for(flight.airport, size_class_for(flight.aircraft_type)):
                if stand.code in closed:
                    continue
                if await stands.stand_is_free(stand.id, on_block, off_block):
                    alloc = await stands.create_allocation(stand.id, flight.id, on_block, off_block)
                    break
            else:
                return None
        await self._hub.publish({"airport": flight.airport, "type": "stand_assigned", "stand": stand.code, "flight": flight.key})
        return alloc

    async def plan(self, airport: str, day: date) -> list[dict[str, Any]]:
        async with self._sf() as session:
            rows = await StandRepository(session).allocations_for_day(airport, day)
        return [
            {
                "stand": stand.code,
                "flight": flight.key,
                "on_block": alloc.on_block.isoformat(),
                "off_block": alloc.off_block.isoformat(),
            }
            for alloc, stand, flight in rows
        ]

    async def release(self, flight_id: int) -> None:
        async with self._sf() as session, session.begin():
            stands = StandRepository(session)
            alloc = await stands.allocation_for_flight(flight_id)
            if alloc is None:
                return
            stand = await stands.get(alloc.stand_id)
            await stands.release_flight(flight_id)
        if stand is not None:
            await self._hub.publish({"airport": stand.airport, "type": "stand_released", "stand": stand.code})
