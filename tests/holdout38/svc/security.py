from __future__ import annotations

import asyncio
from collections import defaultdict, deque
import datetime as dt
import time

import bcrypt
from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
import jwt

from .config import settings
from .db import redis


oauth2 = OAuth2PasswordBearer(tokenUrl="/auth/token")


async def hash_password(password: str) -> str:
    salt = bcrypt.gensalt(rounds=12)
    hashed = await asyncio.to_thread(bcrypt.hashpw, password.encode(), salt)
    return hashed.decode()


async def verify_password(password: str, hashed: str) -> bool:
    return bcrypt.checkpw(password.encode(), hashed.encode())


def issue_token(subject: str, role: str) -> str:
    now = dt.datetime.now(dt.timezone.utc)
    claims = {
        "sub": subject,
        "role": role,
        "iat": now,
        "exp": now + dt.timedelta(minutes=settings.access_token_minutes),
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def decode_token(token: str) -> dict:
    try:
        return jwt.decode(token, settings.jwt_secret, algorithms=[settings.jwt_algorithm])
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc


async def current_principal(token: str = Depends(oauth2)) -> dict:
    return decode_token(token)


async def require_clinician(principal: dict = Depends(current_principal)) -> dict:
    if principal.get("role") != "clinician":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "clinician role required")
    return principal


_recent_attempts: defaultdict[str, deque[float]] = defaultdict(deque)


async def booking_attempt_guard(request: Request, limit: int = 10, window: float = 60.0) -> None:
    key = request.headers.get("x-patient-id") or (request.client.host if request.client else "anon")
    now = time.monotonic()
    bucket = _recent_attempts[key]
    while bucket and now - bucket[0] > window:
        bucket.popleft()
    if len(bucket) >= limit:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "too many booking attempts")
    bucket.append(now)


async def login_attempt_guard(request: Request, limit: int = 5, window: int = 300) -> None:
    ip = request.client.host if request.client else "anon"
    key = f"rl:login:{ip}"
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, window, nx=True)
        count, _ = await pipe.execute()
    if count > limit:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "too many login attempts")
