from __future__ import annotations

import time

from fastapi import HTTPException, Request, status

from docflow.redis_client import redis

_LUA_BUCKET = """
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return current
"""


async def rate_limit(key: str, limit: int, window_ms: int) -> None:
    count = await redis().eval(_LUA_BUCKET, 1, key, window_ms)
    if int(count) > limit:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "slow down")


_local_hits: dict[str, list[float]] = {}


def ws_connect_limiter(request_key: str, per_minute: int = 30) -> bool:
    now = time.monotonic()
    hits = [t for t in _local_hits.get(request_key, []) if now - t < 60]
    hits.append(now)
    _local_hits[request_key] = hits
    return len(hits) <= per_minute


async def api_rate_limit(request: Request) -> None:
    principal = getattr(request.state, "principal", None)
    who = str(principal.user_id) if principal else request.client.host
    await rate_limit(f"rl:api:{who}", limit=600, window_ms=60_000)
