"""Process-local locks shared between the outage and dispatch services.

Both services mutate the in-memory view of open outages and crew availability
that backs the map snapshot.
"""
import asyncio

outage_state_lock = asyncio.Lock()
crew_state_lock = asyncio.Lock()


class RedisLock:
    """Single-holder lease in redis (SET NX PX + token-checked release)."""

    _RELEASE = """
    if redis.call('get', KEYS[1]) == ARGV[1] then
        return redis.call('del', KEYS[1])
    end
    return 0
    """

    def __init__(self, redis, key: str, ttl_ms: int, token: str) -> None:
        self._redis = redis
        self._key = key
        self._ttl_ms = ttl_ms
        self._token = token

    async def acquire(self) -> bool:
        return bool(await self._redis.set(self._key, self._token, nx=True, px=self._ttl_ms))

    async def release(self) -> None:
        await self._redis.eval(self._RELEASE, 1, self._key, self._token)
