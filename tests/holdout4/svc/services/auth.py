from __future__ import annotations

import asyncio
import time

import bcrypt
import jwt
from redis.asyncio import Redis
from sqlalchemy.exc import IntegrityError

from svc.config import settings
from svc.db.models import User
from svc.errors import Conflict, Forbidden, RateLimitExceeded
from svc.repositories.users import UserRepository

TOKEN_TTL_SECONDS = 12 * 3600
LOGIN_WINDOW_SECONDS = 900
LOGIN_MAX_ATTEMPTS = 10


def issue_token(user_id: int, workspace_id: int | None = None) -> str:
    now = int(time.time())
    claims = {"sub": str(user_id), "iat": now, "exp": now + TOKEN_TTL_SECONDS}
    if workspace_id is not None:
        claims["ws"] = workspace_id
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")


def decode_token(token: str) -> dict:
    try:
        return jwt.decode(token, settings.jwt_secret, algorithms=["HS256"])
    except jwt.PyJWTError as exc:
        raise Forbidden("invalid token") from exc


class LoginThrottle:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def hit(self, email: str) -> None:
        key = f"login:{email.lower()}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, LOGIN_WINDOW_SECONDS, nx=True)
            attempts, _ = await pipe.execute()
        if attempts > LOGIN_MAX_ATTEMPTS:
            raise RateLimitExceeded(retry_after=LOGIN_WINDOW_SECONDS)

    async def reset(self, email: str) -> None:
        await self._redis.delete(f"login:{email.lower()}")


class AuthService:
    def __init__(self, users: UserRepository, throttle: LoginThrottle) -> None:
        self._users = users
        self._throttle = throttle

    async def register(self, email: str, handle: str, display_name: str, password: str) -> User:
        email = email.strip().lower()
        if await self._users.by_email(email) is not None:
            raise Conflict("email already registered")
        hashed = await asyncio.to_thread(bcrypt.hashpw, password.encode(), bcrypt.gensalt(rounds=12))
        user = User(email=email, handle=handle, display_name=display_name, password_hash=hashed.decode())
        try:
            await self._users.add(user)
        except IntegrityError as exc:
            raise Conflict("email or handle already registered") from exc
        return user

    async def login(self, email: str, password: str) -> str:
        await self._throttle.hit(email)
        user = await self._users.by_email(email)
        if user is None:
            raise Forbidden("invalid credentials")
        if not bcrypt.checkpw(password.encode(), user.password_hash.encode()):
            raise Forbidden("invalid credentials")
        await self._throttle.reset(email)
        return issue_token(user.id)
