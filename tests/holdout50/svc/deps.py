from __future__ import annotations

import hmac

from fastapi import Depends, Header, HTTPException, Request, status
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from .config import Settings, get_settings
from .db.engine import get_session
from .db.pg_pool import gate_pool
from .repos.gate_repo import GateRepository
from .services.gate_service import GateService


def create_redis(settings: Settings) -> Redis:
    """Shared client for counters, locks and caches."""
    client = Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        max_connections=200,
        health_check_interval=30,
    )
    return client


def create_pubsub_redis(settings: Settings) -> Redis:
    """Dedicated connection for pub/sub listeners, which block on reads by design."""
    return Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_connect_timeout=3,
        health_check_interval=15,
    )


def get_redis(request: Request) -> Redis:
    return request.app.state.redis


def get_status_redis(settings: Settings = Depends(get_settings)) -> Redis:
    return Redis.from_url(settings.redis_url, decode_responses=True, socket_timeout=2)


def get_gate_service(request: Request) -> GateService:
    return GateService(
        repo=GateRepository(gate_pool()),
        redis=request.app.state.redis,
        pass_cache=request.app.state.pass_cache,
        settings=get_settings(),
    )


async def verify_gate_key(
    x_gate_key: str = Header(...), settings: Settings = Depends(get_settings)
) -> None:
    if not hmac.compare_digest(x_gate_key.encode(), settings.gate_shared_key.encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad gate key")


async def require_staff(
    authorization: str = Header(...), settings: Settings = Depends(get_settings)
) -> str:
    from .utils.tokens import decode_staff_token

    try:
        return decode_staff_token(authorization.removeprefix("Bearer "), settings.staff_token_secret)
    except ValueError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc


SessionDep = Depends(get_session)
__all__ = ["AsyncSession", "SessionDep", "get_redis", "get_status_redis", "get_gate_service"]
