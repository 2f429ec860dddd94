import redis.asyncio as redis


class SegmentLocks:
    def __init__(self, client: redis.Redis, ttl: int = 120) -> None:
        self._redis = client
        self._ttl = ttl

    async def acquire(self, segment_id: int, user_id: int) -> bool:
        key = f"seglock:{segment_id}"
        holder = await self._redis.get(key)
        if holder is not None and int(holder) != user_id:  # expect: race-condition
            return False
        await self._redis.set(key, user_id, ex=self._ttl)
        return True

    async def acquire_atomically(self, segment_id: int, user_id: int) -> bool:
        key = f"seglock:{segment_id}"
        if await self._redis.set(key, user_id, nx=True, ex=self._ttl):
            return True
        holder = await self._redis.get(key)
        if holder is None or int(holder) != user_id:
            return False
        await self._redis.expire(key, self._ttl)
        return True

    async def summary(self, segment_id: int) -> str:
        key = f"segsummary:{segment_id}"
        cached = await self._redis.get(key)
        if cached is not None:
            return cached
        text = f"segment {segment_id}"
        await self._redis.set(key, text, ex=self._ttl)
        return text

    async def editor_name(self, segment_id: int, user_id: int) -> str:
        key = f"segeditor:{segment_id}"
        name = await self._redis.get(key)
        if name is not None and name != "":
            return name
        await self._redis.set(key, user_id, ex=self._ttl)
        return str(user_id)
