"""Redis clients, the subscriber entitlements cache and the API rate limiter."""
import logging
import time
import uuid
from collections.abc import Awaitable, Callable

from cachetools import TTLCache
from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import Settings

logger = logging.getLogger(__name__)


def build_cache_redis(settings: Settings) -> Redis:
    sentinel = Sentinel(
        settings.redis_sentinels,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
    )
    return sentinel.master_for(
        settings.redis_master_name,
        socket_timeout=settings.redis_socket_timeout,
        decode_responses=True,
    )


def build_chat_redis(settings: Settings) -> Redis:
    return Redis(
        host=settings.chat_redis_host,
        port=settings.chat_redis_port,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        decode_responses=True,
    )


EntitlementLoader = Callable[[uuid.UUID], Awaitable[set[str]]]


class EntitlementCache:
    def __init__(self, redis: Redis, loader: EntitlementLoader, ttl_s: int) -> None:
        self._redis = redis
        self._loader = loader
        self._ttl_s = ttl_s
        self._local: TTLCache[uuid.UUID, frozenset[str]] = TTLCache(maxsize=50_000, ttl=30)

    @staticmethod
    def _key(subscriber_id: uuid.UUID) -> str:
        return f"entitlements:{subscriber_id}"

    async def creators_for(self, subscriber_id: uuid.UUID) -> frozenset[str]:
        hit = self._local.get(subscriber_id)
        if hit is not None:
            return hit
        members = await self._redis.smembers(self._key(subscriber_id))
        if not members:
            members = await self._loader(subscriber_id)
            if members:
                async with self._redis.pipeline(transaction=True) as pipe:
                    pipe.sadd(self._key(subscriber_id), *members)
                    pipe.expire(self._key(subscriber_id), self._ttl_s)
                    await pipe.execute()
        entitled = frozenset(members)
        self._local[subscriber_id] = entitled
        return entitled

    async def invalidate(self, subscriber_id: uuid.UUID) -> None:
        self._local.pop(subscriber_id, None)
        await self._redis.delete(self._key(subscriber_id))


class ApiRateLimiter:
    def __init__(self, redis: Redis, per_minute: int) -> None:
        self._redis = redis
        self._per_minute = per_minute

    async def allow(self, client_key: str) -> bool:
        window = int(time.time() // 60)
        key = f"ratelimit:{client_key}:{window}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, 120)
            count, _ = await pipe.execute()
        return int(count) <= self._per_minute
