from __future__ import annotations

from dataclasses import dataclass

import jwt
from fastapi import Depends, Header, HTTPException, Request, status
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import get_settings
from svc.db.engine import get_session
from svc.db.redis import get_redis
from svc.observability import current_company


@dataclass(frozen=True)
class Principal:
    user_id: int
    company_id: int
    role: str


def decode_token(token: str) -> Principal:
    try:
        claims = jwt.decode(token, get_settings().jwt_secret, algorithms=["HS256"])
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
    return Principal(int(claims["sub"]), int(claims["cid"]), claims.get("role", "recruiter"))


async def principal(authorization: str = Header(default="")) -> Principal:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    p = decode_token(token)
    current_company.set(p.company_id)
    return p


def require_role(*roles: str):
    async def checker(p: Principal = Depends(principal)) -> Principal:
        if p.role not in roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "insufficient role")
        return p

    return checker


async def db(session: AsyncSession = Depends(get_session)) -> AsyncSession:
    return session


def redis_dep() -> Redis:
    return get_redis()


def services(request: Request):
    return request.app.state.services
