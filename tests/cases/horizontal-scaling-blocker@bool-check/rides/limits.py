"""Rate limits for ride requests and quotes."""
import time
from collections import defaultdict, deque

from redis.asyncio import Redis

REQUESTS_PER_MINUTE = 5
QUOTES_PER_MINUTE = 30
OPEN_HOURS = range(5, 23)

_request_log: dict[int, deque[float]] = defaultdict(deque)  # expect: horizontal-scaling-blocker


def allow_request(rider_id: int) -> bool:
    now = time.monotonic()
    window = _request_log[rider_id]
    while window and now - window[0] > 60:
        window.popleft()
    if len(window) >= REQUESTS_PER_MINUTE:
        return False
    window.append(now)
    return True


async def allow_quote(redis: Redis, rider_id: int) -> bool:
    key = f"rl:quote:{rider_id}:{int(time.time() // 60)}"
    count = await redis.incr(key)
    await redis.expire(key, 90)
    return int(count) <= QUOTES_PER_MINUTE


def service_open() -> bool:
    return time.localtime().tm_hour in OPEN_HOURS
