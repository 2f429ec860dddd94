from __future__ import annotations

import asyncio
import logging
import time

import bcrypt
from fastapi import HTTPException, status
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..repositories.accounts import AccountRepository
from ..utils.security import issue_portal_token

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
WINDOW_S = 900


class LoginThrottle:
    """Sliding-window limit on failed logins per e-mail address."""

    def __init__(self) -> None:
        self._attempts: dict[str, list[float]] = {}

    def blocked(self, email: str) -> bool:
        now = time.monotonic()
        recent = [t for t in self._attempts.get(email, []) if now - t < WINDOW_S]
        self._attempts[email] = recent
        return len(recent) >= MAX_ATTEMPTS

    def failed(self, email: str) -> None:
        self._attempts.setdefault(email, []).append(time.monotonic())


throttle = LoginThrottle()


async def login(session: AsyncSession, email: str, password: str) -> str:
    email = email.strip().lower()
    if throttle.blocked(email):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "too many attempts, try again later")
    customer = await AccountRepository(session).customer_by_email(email)
    if customer is None or not bcrypt.checkpw(password.encode(), customer.password_hash.encode()):
        throttle.failed(email)
        log.info("failed portal login for %s", email)
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials")
    return issue_portal_token(customer.id)


async def change_password(session: AsyncSession, customer, new_password: str) -> None:
    if len(new_password) < 10:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "password too short")
    hashed = await asyncio.to_thread(bcrypt.hashpw, new_password.encode(), bcrypt.gensalt(rounds=12))
    customer.password_hash = hashed.decode()
    await session.commit()


async def otp_allowed(redis: Redis, phone: str) -> bool:
    key = f"otp:rate:{phone}"
    count = await redis.incr(key)
    if count == 1:
        await redis.expire(key, 600)
    return count <= 3
