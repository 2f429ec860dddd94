from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from redis.asyncio import Redis

from ..config import Settings
from ..db import pool
from ..observability import HOLDS_CREATED
from ..repositories import inventory

log = logging.getLogger(__name__)


class HoldError(Exception):
    pass


class SeatsUnavailable(HoldError):
    def __init__(self, seats: set[int]) -> None:
        super().__init__(f"seats unavailable: {sorted(seats)}")
        self.seats = seats


@dataclass(frozen=True)
class HoldResult:
    hold_ids: list[uuid.UUID]
    seat_ids: list[int]
    ttl_seconds: int


class HoldService:
    def __init__(self, redis: Redis, settings: Settings) -> None:
        self._redis = redis
        self._settings = settings
        self._ttl = timedelta(seconds=settings.hold_ttl_seconds)

    async def hold_seats(self, event_id: int, customer_id: int, seat_ids: Sequence[int]) -> HoldResult:
        seats = sorted(set(seat_ids))
        if not seats or len(seats) > self._settings.max_seats_per_hold:
            raise HoldError(f"between 1 and {self._settings.max_seats_per_hold} seats per hold")
        async with pool().acquire() as conn:
            unavailable = await inventory.seats_unavailable(conn, event_id, seats)
            if unavailable:
                raise SeatsUnavailable(unavailable)
            hold_ids = await inventory.insert_holds(conn, event_id, seats, customer_id, self._ttl)
        HOLDS_CREATED.labels(str(event_id)).inc(len(hold_ids))
        await self._redis.publish(f"seats:{event_id}", json.dumps({"type": "held", "seats": seats}))
        return HoldResult(hold_ids, seats, self._settings.hold_ttl_seconds)

    async def hold_for_offer(self, event_id: int, customer_id: int, seat_ids: Sequence[int]) -> HoldResult:
        """Hold seats for a waitlist offer; serialised per event so offers never overlap."""
        seats = sorted(set(seat_ids))
        offer_ttl = timedelta(minutes=self._settings.waitlist_offer_minutes)
        async with pool().acquire() as conn:
            async with conn.transaction():
                await conn.execute("SELECT pg_advisory_xact_lock($1)", event_id)
                clash = await inventory.seats_unavailable(conn, event_id, seats)
                if clash:
                    raise SeatsUnavailable(clash)
                hold_ids = await inventory.insert_holds(conn, event_id, seats, customer_id, offer_ttl)
        return HoldResult(hold_ids, seats, int(offer_ttl.total_seconds()))

    async def release(self, event_id: int, hold_id: uuid.UUID, customer_id: int) -> bool:
        async with pool().acquire(timeout=2) as conn:
            seat_id = await inventory.release(conn, hold_id, customer_id)
        if seat_id is None:
            return False
        self._redis.publish(f"seats:{event_id}", json.dumps({"type": "released", "seats": [seat_id]}))
        return True

    async def extend(self, customer_id: int, event_id: int) -> int:
        async with pool().acquire() as conn:
            current = await inventory.holds_for_customer(conn, customer_id, event_id)
            if not current:
                return 0
            return await inventory.extend(conn, [row["id"] for row in current], self._ttl)
