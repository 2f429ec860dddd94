from __future__ import annotations

import time
import uuid
from contextvars import ContextVar

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse

from ..cache import get_redis


request_id_var: ContextVar[str] = ContextVar("request_id", default="-")


class RequestIdMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(rid)
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        response.headers["x-request-id"] = rid
        return response


LIMITS = {"/applications/search": 60}
DEFAULT_LIMIT = 600


class RateLimitMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        client = request.client.host if request.client else "unknown"
        window = int(time.time() // 60)
        key = f"rl:{client}:{request.url.path}:{window}"
        redis = get_redis()
        pipe = redis.pipeline(transaction=True)
        pipe.incr(key)
        pipe.expire(key, 120)
        count, _ = await pipe.execute()
        if count > LIMITS.get(request.url.path, DEFAULT_LIMIT):
            return JSONResponse({"detail": "rate limit exceeded"}, status_code=429)
        return await call_next(request)
