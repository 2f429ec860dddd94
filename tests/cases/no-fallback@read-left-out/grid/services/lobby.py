"""Redis as the place the data lives (queues, markers, counters, tokens): no other copy to fall back to."""
import asyncio
import json
import logging
from datetime import datetime, timedelta

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class Lobby:
    def __init__(self, redis: Redis, db, billing) -> None:
        self._redis = redis
        self._db = db
        self._billing = billing

    async def position(self, room: str, player: str) -> int | None:
        rank = await self._redis.zrank(f"lobby:{room}", player)
        return None if rank is None else rank + 1

    async def admit_forever(self) -> None:
        failures = 0
        while True:
            try:
                for room in await self._redis.smembers("lobby:rooms"):
                    await self._redis.zpopmin(f"lobby:{room}", 10)
                failures = 0
            except RedisError:
                failures += 1
                log.exception("admission round failed")
                await asyncio.sleep(min(60.0, 2.0 ** failures))
            await asyncio.sleep(1.0)

    async def submit(self, room: str, payload: dict) -> int:
        marker = f"submitted:{room}:{payload['id']}"
        if await self._redis.exists(marker):
            previous = await self._redis.get(marker)
            return int(previous) if previous else 0
        row_id = await self._db.insert_submission(room, payload)
        await self._redis.set(marker, row_id, ex=3600)
        return row_id

    async def checkout(self, player: str, item: str) -> str:
        pending_key = f"checkout:{player}:{item}"
        pending = await self._redis.get(pending_key)
        if pending:
            return pending
        price = await self._db.price_of(item)
        session = await self._billing.create_session(player, price)
        await self._redis.set(pending_key, session["url"], ex=900)
        return session["url"]

    async def authorise(self, device: str, token: str) -> bool:
        expected = await self._redis.get(f"device-token:{device}")
        if expected is None or expected != token:
            return False
        profile = await self._db.device_profile(device)
        await self._redis.set(f"device-online:{device}", json.dumps(profile), ex=60)
        return True

    async def fold_demand(self, room: str) -> int:
        demand = await self._redis.hgetall(f"demand:{room}")
        capacity = await self._db.capacity(room)
        levels = {k: int(v) / max(capacity, 1) for k, v in demand.items()}
        if levels:
            await self._redis.hset(f"levels:{room}", mapping=levels)
        return len(levels)

    async def roll_up(self) -> int:
        raw = await self._redis.get("rollup:checkpoint")
        start = datetime.fromisoformat(raw) if raw else datetime.utcnow() - timedelta(minutes=5)
        await self._db.rollup_since(start)
        await self._redis.set("rollup:checkpoint", datetime.utcnow().isoformat())
        return 1


class Badges:
    def __init__(self, redis: Redis, db) -> None:
        self._redis = redis
        self._db = db

    async def badges(self, player: str) -> list:
        if (raw := await self._redis.get(f"badges:{player}")) is not None:  # expect: no-fallback
            return json.loads(raw)
        rows = await self._db.badges_of(player)
        await self._redis.set(f"badges:{player}", json.dumps(rows), ex=120)
        return rows
