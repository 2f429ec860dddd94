"""Flight schedule maintenance: GDS sync, reconciliation and equipment swaps."""
from __future__ import annotations

import logging
import time
from datetime import UTC, date, datetime, time as dtime, timedelta
from typing import Any

from ..cache.stores import seatmap_cache
from ..db.engine import sessionmaker
from ..errors import NotFound
from ..integrations.gds import GdsClient
from ..repositories import flights as flights_repo
from ..repositories import seats as seats_repo
from .locks import locks

log = logging.getLogger(__name__)

GDS_PUSH_SPACING = 0.05


def _pace_gds_writes() -> None:
    time.sleep(GDS_PUSH_SPACING)


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, dtime.min, tzinfo=UTC)
    return start, start + timedelta(days=1)


class ScheduleService:
    def __init__(self, gds: GdsClient, carrier: str = "XO") -> None:
        self._gds = gds
        self._carrier = carrier

    @staticmethod
    def _to_row(item: dict[str, Any]) -> dict[str, Any]:
        return {
            "flight_no": item["flight_no"],
            "origin": item["from"],
            "destination": item["to"],
            "sched_dep": datetime.fromisoformat(item["dep"]),
            "aircraft_type": item["equipment"],
            "tail_number": item.get("tail"),
        }

    async def sync_day(self, day: date) -> int:
        remote = await self._gds.schedule(self._carrier, day)
        rows = [self._to_row(item) for item in remote]
        async with sessionmaker()() as session:
            created = await flights_repo.upsert_from_schedule(session, rows)
            await session.commit()
        log.info("schedule sync %s: %d remote, %d new", day, len(rows), created)
        return created

    async def reconcile(self, day: date) -> list[dict[str, Any]]:
        remote = await self._gds.schedule(self._carrier, day)
        start, end = _day_bounds(day)
        async with sessionmaker()() as session:
            local = await flights_repo.departing_between(session, start, end)
        mismatches: list[dict[str, Any]] = []
        for flight in local:
            match = next((r for r in remote if r["flight_no"] == flight.flight_no and r["dep"] == flight.sched_dep.isoformat()), None)
            if match is None:
                mismatches.append({"flight_no": flight.flight_no, "issue": "missing_in_gds"})
            elif match["equipment"] != flight.aircraft_type:
                mismatches.append({"flight_no": flight.flight_no, "issue": "equipment", "gds": match["equipment"]})
        return mismatches

    async def push_availability(self, day: date) -> int:
        start, end = _day_bounds(day)
        pushed = 0
        async with sessionmaker()() as session:
            flights = await flights_repo.departing_between(session, start, end)
            for flight in flights:
                counts = await seats_repo.open_counts(session, flight.id)
                await self._gds.push_inventory(flight.flight_no, day, counts)
                _pace_gds_writes()
                pushed += 1
        return pushed

    async def gds_availability(self, day: date) -> dict[str, dict[str, int]]:
        start, end = _day_bounds(day)
        async with sessionmaker()() as session:
            flights = await flights_repo.departing_between(session, start, end)
        numbers = [f.flight_no for f in flights]
        result: dict[str, dict[str, int]] = {}
        for i in range(0, len(numbers), 100):
            result.update(await self._gds.availability_bulk(numbers[i : i + 100], day))
        return result

    async def change_aircraft(self, flight_id: int, aircraft_type: str, tail_number: str | None, removed_seats: list[str]) -> int:
        displaced = 0
        async with sessionmaker()() as session:
            async with locks.flight(flight_id):
                flight = await flights_repo.get(session, flight_id)
                if flight is None:
                    raise NotFound("flight not found", flight_id=flight_id)
                flight.aircraft_type = aircraft_type
                flight.tail_number = tail_number
                for seat_no in removed_seats:
                    async with locks.seat(flight_id, seat_no):
                        seat = await seats_repo.lock_seat(session, flight_id, seat_no)
                        if seat is not None and seat.booking_id is not None:
                            displaced += 1
                        if seat is not None:
                            seat.status = "BLOCKED"
                            seat.booking_id = None
                await session.commit()
        seatmap_cache.invalidate(flight_id)
        log.info("flight %s re-equipped to %s, %d passengers displaced", flight_id, aircraft_type, displaced)
        return displaced
