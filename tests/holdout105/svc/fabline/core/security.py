"""API key authentication for operators and tool gateways."""
from __future__ import annotations

import hashlib
import hmac
import time

from fastapi import Depends, Header, HTTPException, Request, status

from fabline.core.redis import get_redis
from fabline.core.settings import Settings, get_settings

# attempts per client ip, used to throttle key guessing
_attempts: dict[str, list[float]] = {}


def _derive(raw_key: str, settings: Settings) -> str:
    return hashlib.pbkdf2_hmac(
        "sha256", raw_key.encode(), settings.api_key_salt.encode(), settings.api_key_iterations
    ).hex()


def _throttle(ip: str, limit: int) -> None:
    now = time.monotonic()
    window = [t for t in _attempts.get(ip, []) if now - t < 60]
    window.append(now)
    _attempts[ip] = window
    if len(window) > limit:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "too many attempts")


async def require_operator(
    request: Request,
    x_api_key: str = Header(...),
    settings: Settings = Depends(get_settings),
) -> str:
    _throttle(request.client.host if request.client else "?", settings.login_rate_limit)
    digest = _derive(x_api_key, settings)
    redis = get_redis()
    operator = await redis.hget("apikeys", digest)
    if operator is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid api key")
    return operator


async def require_gateway(x_gateway_token: str = Header(...)) -> None:
    expected = await get_redis().get("gateway:token")
    if not expected or not hmac.compare_digest(expected, x_gateway_token):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad gateway token")


async def gateway_rate_limit(gateway_id: str, limit: int = 500) -> None:
    """Shared (redis) per-gateway rate limit, valid across replicas."""
    key = f"rl:gw:{gateway_id}:{int(time.time() // 60)}"
    redis = get_redis()
    count = await redis.incr(key)
    if count == 1:
        await redis.expire(key, 90)
    if count > limit:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "gateway over limit")
