import json
import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class SiteCache:
    def __init__(self, redis: Redis, db) -> None:
        self._redis = redis
        self._db = db

    async def site(self, site_id: int) -> dict:
        raw = await self._redis.get(f"site:{site_id}")  # expect: no-fallback
        if raw is not None:
            return json.loads(raw)
        row = await self._db.fetch_site(site_id)
        await self._redis.set(f"site:{site_id}", json.dumps(row), ex=300)
        return row

    async def meter(self, meter_id: int) -> dict:
        try:
            raw = await self._redis.get(f"meter:{meter_id}")
        except RedisError:
            log.warning("meter cache unavailable", exc_info=True)
            raw = None
        if raw is not None:
            return json.loads(raw)
        row = await self._db.fetch_meter(meter_id)
        try:
            await self._redis.set(f"meter:{meter_id}", json.dumps(row), ex=300)
        except RedisError:
            pass
        return row

    async def bump_visits(self, site_id: int) -> int:
        seen = int(await self._redis.get(f"visits:{site_id}") or 0)
        await self._redis.set(f"visits:{site_id}", seen + 1)
        return seen + 1


class Ranking:
    def __init__(self, redis: Redis, db) -> None:
        self.redis = redis
        self._db = db

    async def top(self, limit: int) -> list:
        return await self.redis.zrevrange("ranking", 0, limit - 1, withscores=True)  # expect: no-fallback

    async def around(self, member: str) -> list:
        try:
            rank = await self.redis.zrevrank("ranking", member)
            return await self.redis.zrevrange("ranking", max((rank or 0) - 3, 0), (rank or 0) + 3)
        except RedisError:
            return await self._db.ranking_snapshot(member)
