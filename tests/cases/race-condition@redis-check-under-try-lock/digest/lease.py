"""A redis lease: SET NX with a token, released only by its holder."""
import uuid

import redis.asyncio as redis

_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"


class Lease:
    def __init__(self, client: redis.Redis, name: str) -> None:
        self._redis = client
        self._key = f"lease:{name}"
        self._token = uuid.uuid4().hex

    async def acquire(self) -> bool:
        return bool(await self._redis.set(self._key, self._token, nx=True, px=60_000))

    async def release(self) -> None:
        await self._redis.eval(_RELEASE, 1, self._key, self._token)
