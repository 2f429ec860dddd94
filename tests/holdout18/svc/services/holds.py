"""Seat holds: a short reservation of seats while the buyer checks out.

Redis is the fast path (one key per held seat, with TTL); postgres keeps the
durable copy the expiry worker and the checkout read.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import asyncpg
from fastapi import WebSocket
from redis.asyncio import Redis

from svc.config import settings
from svc.errors import SeatUnavailable
from svc.repos import seats as seats_repo

logger = logging.getLogger(__name__)

_RELEASE_IF_OWNER = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
"""


def seat_key(event_id: int, seat_id: int) -> str:
    return f"tix:hold:{event_id}:{seat_id}"


def session_seats_key(session_id: str) -> str:
    return f"tix:session:{session_id}:seats"


@dataclass(frozen=True)
class Hold:
    event_id: int
    seat_ids: tuple[int, ...]
    session_id: str
    expires_at: datetime


class SeatWatchers:
    """Browsers looking at a seat map, keyed by event."""

    def __init__(self) -> None:
        self._watchers: dict[int, set[WebSocket]] = defaultdict(set)

    def add(self, event_id: int, ws: WebSocket) -> None:
        self._watchers[event_id].add(ws)

    def discard(self, event_id: int, ws: WebSocket) -> None:
        self._watchers[event_id].discard(ws)

    async def notify(self, event_id: int, seat_ids: list[int], status: str) -> None:
        message = {"type": "seats", "status": status, "seats": seat_ids}
        for ws in list(self._watchers[event_id]):
            await ws.send_json(message)


class HoldService:
    def __init__(self, redis: Redis, pool: asyncpg.Pool, watchers: SeatWatchers) -> None:
        self._redis = redis
        self._pool = pool
        self._watchers = watchers
        self._release_script = redis.register_script(_RELEASE_IF_OWNER)

    async def hold(self, event_id: int, seat_ids: list[int], session_id: str) -> Hold:
        ttl = settings.hold_ttl_seconds
        current = await self._redis.scard(session_seats_key(session_id))
        if current + len(seat_ids) > settings.max_seats_per_hold:
            raise SeatUnavailable("too many seats held by this session")

        async with self._redis.pipeline(transaction=False) as pipe:
            for seat_id in seat_ids:
                pipe.set(seat_key(event_id, seat_id), session_id, nx=True, ex=ttl)
            results = await pipe.execute()
        won = [sid for sid, ok in zip(seat_ids, results) if ok]
        if len(won) != len(seat_ids):
            await self._release_keys(event_id, won, session_id)
            raise SeatUnavailable("some seats were just taken", detail={"seats": sorted(set(seat_ids) - set(won))})

        expires_at = datetime.now(timezone.utc) + timedelta(seconds=ttl)
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            stored = await seats_repo.insert_holds(conn, event_id, seat_ids, session_id, expires_at)
        if len(stored) != len(seat_ids):
            await self._release_keys(event_id, seat_ids, session_id)
            raise SeatUnavailable("seats already held")

        await self._redis.sadd(session_seats_key(session_id), *seat_ids)
        self._redis.expire(session_seats_key(session_id), ttl)
        await self._watchers.notify(event_id, seat_ids, "held")
        return Hold(event_id, tuple(seat_ids), session_id, expires_at)

    async def claim_seat(self, event_id: int, seat_id: int, session_id: str) -> None:
        """Quick-pick: grab or refresh a single seat for the session."""
        key = seat_key(event_id, seat_id)
        owner = await self._redis.get(key)
        if owner is not None and owner != session_id:
            raise SeatUnavailable(f"seat {seat_id} is held")
        await self._redis.set(key, session_id, ex=settings.hold_ttl_seconds)

    async def release(self, event_id: int, seat_ids: list[int], session_id: str) -> int:
        await self._release_keys(event_id, seat_ids, session_id)
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            removed = await seats_repo.delete_holds(conn, event_id, seat_ids, session_id)
        await self._redis.srem(session_seats_key(session_id), *seat_ids)
        await self._watchers.notify(event_id, seat_ids, "available")
        return removed

    async def _release_keys(self, event_id: int, seat_ids: list[int], session_id: str) -> None:
        async with self._redis.pipeline(transaction=False) as pipe:
            for seat_id in seat_ids:
                await self._release_script(keys=[seat_key(event_id, seat_id)], args=[session_id], client=pipe)
            await pipe.execute()

    async def owned_by(self, event_id: int, seat_ids: list[int], session_id: str) -> bool:
        owners = await self._redis.mget([seat_key(event_id, s) for s in seat_ids])
        return all(o == session_id for o in owners)
