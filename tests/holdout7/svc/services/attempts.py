from __future__ import annotations

import time

from svc.data.redis_store import cache_redis


class InMemoryAttemptStore:
    def __init__(self) -> None:
        self._attempts: dict[tuple[int, int], dict] = {}

    def start(self, quiz_id: int, user_id: int) -> dict:
        attempt = {"quiz_id": quiz_id, "user_id": user_id, "started": time.time(), "answers": {}}
        self._attempts[(quiz_id, user_id)] = attempt
        return attempt

    def answer(self, quiz_id: int, user_id: int, question: str, choice: str) -> None:
        self._attempts[(quiz_id, user_id)]["answers"][question] = choice

    def finish(self, quiz_id: int, user_id: int) -> dict:
        return self._attempts.pop((quiz_id, user_id))


class RedisAttemptStore:
    ttl_seconds = 3 * 3600

    async def start(self, quiz_id: int, user_id: int) -> None:
        key = f"attempt:{quiz_id}:{user_id}"
        await cache_redis.hset(key, mapping={"started": str(time.time())})
        await cache_redis.expire(key, self.ttl_seconds)

    async def answer(self, quiz_id: int, user_id: int, question: str, choice: str) -> None:
        await cache_redis.hset(f"attempt:{quiz_id}:{user_id}", f"q:{question}", choice)

    async def finish(self, quiz_id: int, user_id: int) -> dict[str, str]:
        key = f"attempt:{quiz_id}:{user_id}"
        async with cache_redis.pipeline(transaction=True) as pipe:
            pipe.hgetall(key)
            pipe.delete(key)
            data, _ = await pipe.execute()
        return {k[2:]: v for k, v in data.items() if k.startswith("q:")}


practice_attempts = InMemoryAttemptStore()
exam_attempts = RedisAttemptStore()
