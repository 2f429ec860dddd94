from __future__ import annotations

import logging
import time
import uuid

from fastapi import Request
from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import JSONResponse, Response

logger = logging.getLogger("spendlens.http")


class RequestIdMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        request.state.request_id = request_id
        started = time.perf_counter()
        response = await call_next(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers["x-request-id"] = request_id
        logger.info("%s %s %s %.1fms", request.method, request.url.path, response.status_code, elapsed_ms)
        return response


class RateLimitMiddleware(BaseHTTPMiddleware):
    """Fixed-window limit per API key, shared by all replicas through redis."""

    def __init__(self, app, redis: Redis, per_minute: int) -> None:
        super().__init__(app)
        self._redis = redis
        self._per_minute = per_minute

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        key_id = request.headers.get("x-api-key", "")[:12]
        if not key_id or request.url.path.startswith("/health"):
            return await call_next(request)
        window = int(time.time() // 60)
        bucket = f"ratelimit:{key_id}:{window}"
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(bucket)
                pipe.expire(bucket, 120)
                count, _ = await pipe.execute()
        except RedisError:
            logger.warning("rate limiter unavailable, allowing request", exc_info=True)
            return await call_next(request)
        if count > self._per_minute:
            return JSONResponse({"code": "rate_limited", "detail": "too many requests"}, status_code=429)
        return await call_next(request)
