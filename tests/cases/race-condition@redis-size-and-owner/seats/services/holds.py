"""Seat holds with a per-session cap."""
import json

import redis.asyncio as redis

from seats.services.keys import layout_key, seat_key, session_key

MAX_SEATS = 8
TTL = 600


class SeatTaken(Exception):
    pass


class HoldService:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    async def hold(self, event_id: int, seat_ids: list[int], session_id: str) -> None:
        current = await self._redis.scard(session_key(session_id))
        if current + len(seat_ids) > MAX_SEATS:  # expect: race-condition
            raise SeatTaken("too many seats held")
        for seat_id in seat_ids:
            await self._redis.set(seat_key(event_id, seat_id), session_id, nx=True, ex=TTL)
        await self._redis.sadd(session_key(session_id), *seat_ids)

    async def hold_atomic(self, event_id: int, seat_ids: list[int], session_id: str) -> None:
        """Add first and check the size the same transaction returns."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.sadd(session_key(session_id), *seat_ids)
            pipe.scard(session_key(session_id))
            _, size = await pipe.execute()
        if size > MAX_SEATS:
            await self._redis.srem(session_key(session_id), *seat_ids)
            raise SeatTaken("too many seats held")

    async def claim(self, event_id: int, seat_id: int, session_id: str) -> None:
        owner = await self._redis.get(seat_key(event_id, seat_id))
        if owner is not None and owner != session_id:  # expect: race-condition
            raise SeatTaken(f"seat {seat_id} is held")
        await self._redis.set(seat_key(event_id, seat_id), session_id, ex=TTL)

    async def claim_nx(self, event_id: int, seat_id: int, session_id: str) -> None:
        """SET NX claims atomically; the GET only explains a refusal."""
        if not await self._redis.set(seat_key(event_id, seat_id), session_id, nx=True, ex=TTL):
            owner = await self._redis.get(seat_key(event_id, seat_id))
            if owner != session_id:
                raise SeatTaken(f"seat {seat_id} is held")

    async def refresh(self, event_id: int, seat_id: int, session_id: str) -> None:
        """Only the owner extends its hold; nothing is overwritten."""
        owner = await self._redis.get(seat_key(event_id, seat_id))
        if owner != session_id:
            raise SeatTaken(f"seat {seat_id} is not yours")
        await self._redis.expire(seat_key(event_id, seat_id), TTL)

    async def layout(self, event_id: int) -> list[dict]:
        """A cache fill: two fills store the same value."""
        cached = await self._redis.get(layout_key(event_id))
        if cached is not None:
            return json.loads(cached)
        seats = [{"id": n} for n in range(100)]
        await self._redis.set(layout_key(event_id), json.dumps(seats), ex=TTL)
        return seats

    async def other_session(self, event_id: int, seat_ids: list[int], session_id: str) -> None:
        """The size read is of another key than the one grown."""
        current = await self._redis.scard(session_key(session_id))
        if current > MAX_SEATS:
            raise SeatTaken("too many seats held")
        await self._redis.sadd(session_key("audit"), session_id)
