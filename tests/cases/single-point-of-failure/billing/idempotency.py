"""Idempotency keys for payment requests, checked on every request by a middleware."""
import redis.asyncio as redis
from fastapi import Request
from fastapi.responses import JSONResponse

IDEMPOTENCY_REDIS_URL = "redis://idempotency.internal:6379/0"
KEY_TTL_SECONDS = 86400

pool = redis.ConnectionPool.from_url(IDEMPOTENCY_REDIS_URL, max_connections=50, socket_timeout=1)  # expect: single-point-of-failure
keys = redis.Redis(connection_pool=pool)


async def reject_duplicate(request: Request) -> JSONResponse | None:
    key = request.headers.get("Idempotency-Key")
    if request.method != "POST" or not key:
        return None
    first = await keys.set(f"idem:{key}", "1", nx=True, ex=KEY_TTL_SECONDS)
    return None if first else JSONResponse({"detail": "duplicate request"}, status_code=409)
