"""HTTP-layer helpers: request context middleware, logging setup, rate limits."""
from __future__ import annotations

import contextvars
import logging
import time
import uuid
from collections import defaultdict, deque

from fastapi import HTTPException, Request, status
from redis.asyncio import Redis
from starlette.middleware.base import BaseHTTPMiddleware


current_tenant: contextvars.ContextVar[str | None] = contextvars.ContextVar("current_tenant", default=None)
request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.tenant = current_tenant.get() or "-"
        record.request_id = request_id.get()
        return True


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        tenant = request.headers.get("x-publication")
        t1 = current_tenant.set(tenant)
        t2 = request_id.set(rid)
        try:
            response = await call_next(request)
        finally:
            current_tenant.reset(t1)
            request_id.reset(t2)
        response.headers["x-request-id"] = rid
        return response


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.addFilter(ContextFilter())
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(tenant)s %(request_id)s] %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


class RedisRateLimiter:
    def __init__(self, redis: Redis, limit: int, window: int) -> None:
        self._redis = redis
        self._limit = limit
        self._window = window

    async def check(self, key: str) -> None:
        bucket = f"rl:{key}:{int(time.time()) // self._window}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(bucket)
            pipe.expire(bucket, self._window)
            count, _ = await pipe.execute()
        if count > self._limit:
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "slow down")


_partner_hits: dict[str, deque[float]] = defaultdict(deque)
PARTNER_LIMIT = 60


async def partner_rate_limit(request: Request) -> None:
    key = request.headers.get("x-api-key", request.client.host if request.client else "anon")
    now = time.monotonic()
    window = _partner_hits[key]
    while window and now - window[0] > 60:
        window.popleft()
    if len(window) >= PARTNER_LIMIT:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "partner rate limit exceeded")
    window.append(now)
