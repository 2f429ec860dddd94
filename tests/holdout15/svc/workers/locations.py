"""Courier position fixes: buffered from the courier websockets, flushed in batches."""
from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from redis.asyncio import Redis

from svc.db.stores import Database


@dataclass(frozen=True, slots=True)
class PositionFix:
    courier_id: int
    order_id: int | None
    lat: float
    lng: float
    at: datetime

    @classmethod
    def from_message(cls, courier_id: int, raw: str) -> PositionFix:
        data = json.loads(raw)
        return cls(courier_id, data.get("order_id"), float(data["lat"]), float(data["lng"]), datetime.now(UTC))


class LocationBuffer:
    def __init__(self, maxsize: int = 10_000) -> None:
        self._queue: asyncio.Queue[PositionFix] = asyncio.Queue(maxsize=maxsize)
        self.dropped = 0

    def offer(self, fix: PositionFix) -> None:
        try:
            self._queue.put_nowait(fix)
        except asyncio.QueueFull:
            self.dropped += 1

    async def drain(self, max_items: int, wait: float) -> list[PositionFix]:
        try:
            first = await asyncio.wait_for(self._queue.get(), timeout=wait)
        except TimeoutError:
            return []
        batch = [first]
        while len(batch) < max_items and not self._queue.empty():
            batch.append(self._queue.get_nowait())
        return batch


async def flush_positions(buffer: LocationBuffer, db: Database, redis: Redis) -> None:
    while True:
        batch = await buffer.drain(max_items=500, wait=1.0)
        if not batch:
            continue
        async with redis.pipeline(transaction=False) as pipe:
            for fix in batch:
                pipe.hset(f"courier:{fix.courier_id}:pos", mapping={"lat": fix.lat, "lng": fix.lng, "at": fix.at.isoformat()})
            await pipe.execute()
        async with db.connection() as conn:
            await conn.executemany(
                "INSERT INTO delivery_events (order_id, courier_id, kind, lat, lng, recorded_at) "
                "VALUES ($1, $2, 'position', $3, $4, $5)",
                [(f.order_id, f.courier_id, f.lat, f.lng, f.at) for f in batch],
            )


async def latest_positions(redis: Redis, courier_ids: Sequence[int]) -> dict[int, dict[str, str]]:
    async with redis.pipeline(transaction=False) as pipe:
        for courier_id in courier_ids:
            pipe.hgetall(f"courier:{courier_id}:pos")
        results = await pipe.execute()
    return {cid: pos for cid, pos in zip(courier_ids, results, strict=True) if pos}
