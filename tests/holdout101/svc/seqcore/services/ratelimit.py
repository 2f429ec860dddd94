from __future__ import annotations

import time
from collections import defaultdict, deque

import redis.asyncio as aioredis

from seqcore.errors import SeqcoreError


class RateLimited(SeqcoreError):
    status_code = 429
    code = "rate_limited"


class UploadRateLimiter:
    """Sliding window of sample-sheet uploads per lab."""

    def __init__(self, per_minute: int = 10) -> None:
        self._per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def check(self, lab_id: str) -> None:
        now = time.monotonic()
        window = self._hits[lab_id]
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self._per_minute:
            raise RateLimited("too many uploads, try again in a minute")
        window.append(now)


class CallbackRateLimiter:
    """Fixed-window limit on instrument callbacks, shared by all replicas through redis."""

    def __init__(self, redis: aioredis.Redis, per_minute: int = 120) -> None:
        self._redis = redis
        self._per_minute = per_minute

    async def check(self, instrument_id: str) -> None:
        key = f"rl:callback:{instrument_id}:{int(time.time() // 60)}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, 90)
            count, _ = await pipe.execute()
        if count > self._per_minute:
            raise RateLimited("instrument callback rate exceeded")
