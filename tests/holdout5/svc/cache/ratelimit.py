"""Rate limits for ride requests and fare quotes."""
from __future__ import annotations

import time
from collections import defaultdict, deque

from redis.asyncio import Redis

RIDE_REQUESTS_PER_MINUTE = 5
QUOTES_PER_MINUTE = 30

_ride_request_log: dict[int, deque[float]] = defaultdict(deque)


def allow_ride_request(rider_id: int) -> bool:
    now = time.monotonic()
    window = _ride_request_log[rider_id]
    while window and now - window[0] > 60:
        window.popleft()
    if len(window) >= RIDE_REQUESTS_PER_MINUTE:
        return False
    window.append(now)
    return True


async def allow_quote(redis: Redis, rider_id: int) -> bool:
    key = f"rl:quote:{rider_id}:{int(time.time() // 60)}"
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, 90)
        count, _ = await pipe.execute()
    return int(count) <= QUOTES_PER_MINUTE
