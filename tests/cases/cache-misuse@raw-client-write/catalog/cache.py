"""A JSON cache over Redis; its client is exposed for the calls it does not wrap."""
import json

from redis.asyncio import Redis


class JsonCache:
    def __init__(self, redis: Redis, ttl: int = 300) -> None:
        self.redis = redis
        self.ttl = ttl

    async def get_json(self, key: str):
        raw = await self.redis.get(key)
        return json.loads(raw) if raw is not None else None

    async def set_json(self, key: str, value) -> None:
        await self.redis.set(key, json.dumps(value), ex=self.ttl)
