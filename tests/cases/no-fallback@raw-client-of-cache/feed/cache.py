"""Redis caches: one treats Redis as optional, the other as the store of record."""
import json
import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class SoftCache:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def get_json(self, key: str):
        try:
            raw = await self.redis.get(key)
        except RedisError as exc:
            log.warning("cache read failed for %s: %s", key, exc)
            return None
        return json.loads(raw) if raw is not None else None


class Ledger:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def balance(self, account: str) -> int:
        return int(await self.redis.get(f"balance:{account}") or 0)
