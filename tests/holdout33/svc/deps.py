"""FastAPI dependencies."""
from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from .config import Settings, get_settings
from .db.engine import SessionLocal
from .errors import AuthError, RateLimited
from .services.container import Container
from .utils.security import decode_token


@dataclass(frozen=True, slots=True)
class Principal:
    subject: str
    roles: frozenset[str]
    warehouse_id: int | None


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


def get_container(request: Request) -> Container:
    return request.app.state.container


def get_redis(request: Request) -> Redis:
    return request.app.state.redis


def current_user(
    authorization: str = Header(..., alias="Authorization"),
    settings: Settings = Depends(get_settings),
) -> Principal:
    scheme, _, token = authorization.partition(" ")
    claims = decode_token(token, settings.jwt_secret) if scheme.lower() == "bearer" else None
    if claims is None:
        raise AuthError("missing or invalid bearer token")
    return Principal(
        subject=claims["sub"],
        roles=frozenset(claims.get("roles", [])),
        warehouse_id=claims.get("wh"),
    )


async def api_rate_limit(
    principal: Principal = Depends(current_user),
    redis: Redis = Depends(get_redis),
    settings: Settings = Depends(get_settings),
) -> Principal:
    """Fixed-window limit per user, shared by every replica through Redis."""
    window = int(time.time() // 60)
    key = f"wms:rl:{principal.subject}:{window}"
    async with redis.pipeline(transaction=True) as pipe:
        count, _ = await pipe.incr(key).expire(key, 90).execute()
    if count > settings.api_rate_limit_per_min:
        raise RateLimited("too many requests", details={"limit": settings.api_rate_limit_per_min})
    return principal


def load_printer_map(settings: Settings = Depends(get_settings)) -> dict[str, str]:
    with open(settings.printer_map_path, encoding="utf-8") as fh:
        return json.load(fh)


SessionDep = Annotated[AsyncSession, Depends(get_session)]
ContainerDep = Annotated[Container, Depends(get_container)]
UserDep = Annotated[Principal, Depends(api_rate_limit)]
