from __future__ import annotations

import hashlib
import time
from typing import TYPE_CHECKING, Annotated

import jwt
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from pricewatch.config import get_settings
from pricewatch.db.engine import get_session
from pricewatch.repositories import users as users_repo

if TYPE_CHECKING:
    from pricewatch.db.models import User


def issue_token(user_id: int) -> str:
    settings = get_settings()
    now = int(time.time())
    return jwt.encode({"sub": str(user_id), "iat": now, "exp": now + settings.jwt_ttl_seconds},
                      settings.jwt_secret, algorithm="HS256")


def user_id_from_token(token: str) -> int | None:
    if not token:
        return None
    try:
        claims = jwt.decode(token, get_settings().jwt_secret, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    return int(claims["sub"])


def hash_api_key(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


async def current_user(
    session: Annotated[AsyncSession, Depends(get_session)],
    authorization: Annotated[str | None, Header()] = None,
) -> User:
    token = (authorization or "").removeprefix("Bearer ").strip()
    user_id = user_id_from_token(token)
    if user_id is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid or expired token")
    user = await users_repo.by_id(session, user_id)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown user")
    return user


async def extension_user(
    request: Request,
    session: Annotated[AsyncSession, Depends(get_session)],
    x_api_key: Annotated[str | None, Header()] = None,
) -> User:
    if not x_api_key:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing API key")
    user = await users_repo.by_api_key_hash(session, hash_api_key(x_api_key))
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid API key")
    limiter = request.app.state.extension_limiter
    if not await limiter.allow(f"ext:{user.id}"):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "slow down")
    return user


def display_name(user: User) -> str:
    return user.email.split("@", 1)[0]
