"""Choosing and seating tables."""
from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass
from datetime import datetime

from svc.errors import Conflict, NoTableAvailable
from svc.repositories.bookings import BookingRepository
from svc.repositories.tables import TableRepository, TableRow
from svc.services.floor import FloorEventBus
from svc.utils.locks import LockRegistry

log = logging.getLogger(__name__)

MAX_COMBINED_TABLES = 4


@dataclass(slots=True)
class Assignment:
    table_ids: tuple[int, ...]
    spare_seats: int


class TableAssigner:
    def __init__(
        self,
        tables: TableRepository,
        bookings: BookingRepository,
        events: FloorEventBus,
        locks: LockRegistry,
    ) -> None:
        self.tables = tables
        self.bookings = bookings
        self.events = events
        self.locks = locks

    async def free_tables(self, restaurant_id: int, start: datetime, end: datetime) -> list[TableRow]:
        candidates = await self.tables.list_tables(restaurant_id)
        free: list[TableRow] = []
        for table in candidates:
            clashes = await self.bookings.overlapping_for_table(table.id, start, end)
            if not clashes:
                free.append(table)
        return free

    async def best_fit(self, restaurant_id: int, party_size: int, start: datetime, end: datetime) -> Assignment:
        free = await self.free_tables(restaurant_id, start, end)
        singles = [t for t in free if t.min_covers <= party_size <= t.capacity]
        if singles:
            best = min(singles, key=lambda t: t.capacity - party_size)
            return Assignment((best.id,), best.capacity - party_size)
        return self._combine(free, party_size)

    def _combine(self, free: list[TableRow], party_size: int) -> Assignment:
        combinable = [t for t in free if t.combinable]
        best: Assignment | None = None
        for size in range(2, MAX_COMBINED_TABLES + 1):
            for combo in itertools.combinations(combinable, size):
                seats = sum(t.capacity for t in combo)
                if seats < party_size:
                    continue
                spare = seats - party_size
                if best is None or spare < best.spare_seats:
                    best = Assignment(tuple(t.id for t in combo), spare)
        if best is None:
            raise NoTableAvailable(f"no table or combination seats {party_size}")
        return best

    def plan_evening(self, tables: list[TableRow], bookings: list) -> dict[int, int]:
        """Greedy pre-assignment for the service sheet: booking id -> table id."""
        plan: dict[int, int] = {}
        for booking in sorted(bookings, key=lambda b: (-b.party_size, b.starts_at)):
            for table in sorted(tables, key=lambda t: t.capacity):
                if table.id not in [tid for tid in plan.values()] and table.capacity >= booking.party_size:
                    plan[booking.id] = table.id
                    break
        return plan

    async def seat_walk_in(self, restaurant_id: int, table_id: int, booking_id: int) -> None:
        state = await self.tables.get_state(table_id)
        if state != "free":
            raise Conflict(f"table {table_id} is {state}")
        await self.tables.set_state(restaurant_id, table_id, "seated", booking_id)
        self.events.publish_floor_update(restaurant_id, {"table_id": table_id, "state": "seated"})

    async def seat_booking(self, restaurant_id: int, table_id: int, booking_id: int) -> None:
        if not await self.tables.claim_if_free(restaurant_id, table_id, booking_id):
            raise Conflict(f"table {table_id} is not free")
        await self.bookings.set_status(booking_id, "seated")
        await self.events.publish_floor_update(restaurant_id, {"table_id": table_id, "state": "seated", "booking_id": booking_id})

    async def release_table(self, restaurant_id: int, table_id: int, on_free) -> None:
        async with self.locks.for_table(table_id):
            await self.tables.set_state(restaurant_id, table_id, "free", None)
            async with self.locks.for_waitlist(restaurant_id):
                await on_free(restaurant_id, table_id)
        await self.events.publish_floor_update(restaurant_id, {"table_id": table_id, "state": "free"})

    async def swap_tables(self, restaurant_id: int, table_a: int, table_b: int) -> None:
        """Move the parties seated at two tables onto each other's table."""
        first, second = sorted((table_a, table_b))
        async with self.locks.for_table(first), self.locks.for_table(second):
            states = {t.table_id: t for t in await self.tables.floor_states(restaurant_id) if t.table_id in (first, second)}
            if len(states) != 2:
                raise Conflict("both tables must belong to this restaurant")
            a, b = states[first], states[second]
            await self.tables.set_state(restaurant_id, first, b.state, b.booking_id)
            await self.tables.set_state(restaurant_id, second, a.state, a.booking_id)
        await self.events.publish_floor_update(restaurant_id, {"swapped": [first, second]})
