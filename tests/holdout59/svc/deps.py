from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request, status
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.redis_client import get_redis
from svc.security import AuthError, Principal, decode_token

SessionDep = Annotated[AsyncSession, Depends(get_session)]


def redis_dep() -> Redis:
    return get_redis()


RedisDep = Annotated[Redis, Depends(redis_dep)]


async def current_principal(authorization: Annotated[str | None, Header()] = None) -> Principal:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        return decode_token(authorization.split(" ", 1)[1])
    except AuthError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, str(exc)) from exc


PrincipalDep = Annotated[Principal, Depends(current_principal)]


async def require_proctor(principal: PrincipalDep) -> Principal:
    if not principal.is_proctor:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "proctor role required")
    return principal


ProctorDep = Annotated[Principal, Depends(require_proctor)]


def app_state(request: Request):
    return request.app.state
