"""Request throttling for the public app API."""
from __future__ import annotations

import time
from collections import defaultdict, deque

from fastapi import HTTPException, Request

from ..db import get_redis

_windows: dict[str, deque[float]] = defaultdict(deque)
WINDOW_S = 60.0
MAX_PER_WINDOW = 120


def throttle_app_user(request: Request) -> None:
    user = request.headers.get("x-user-id") or (request.client.host if request.client else "anon")
    now = time.monotonic()
    window = _windows[user]
    while window and now - window[0] > WINDOW_S:
        window.popleft()
    if len(window) >= MAX_PER_WINDOW:
        raise HTTPException(status_code=429, detail="too many requests")
    window.append(now)


async def throttle_lpr(officer_id: str, per_minute: int = 30) -> None:
    redis = get_redis()
    key = f"rl:lpr:{officer_id}:{int(time.time() // 60)}"
    count = await redis.incr(key)
    if count == 1:
        await redis.expire(key, 70)
    if count > per_minute:
        raise HTTPException(status_code=429, detail="LPR quota exceeded")
