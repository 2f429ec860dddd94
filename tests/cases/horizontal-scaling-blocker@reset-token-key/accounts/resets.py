"""Password reset tokens."""
from __future__ import annotations

import secrets
import time

from redis.asyncio import Redis

from accounts.mail import Mailer

RESET_TTL_S = 900


class PasswordResets:
    """Tokens kept in process memory: the confirm request may reach another replica."""

    def __init__(self, mailer: Mailer) -> None:
        self._mailer = mailer
        self._tokens: dict[str, tuple[int, float]] = {}  # expect: horizontal-scaling-blocker

    async def request(self, user_id: int, email: str) -> None:
        now = time.time()
        for token, (_, expires) in list(self._tokens.items()):
            if expires < now:
                del self._tokens[token]
        token = secrets.token_urlsafe(32)
        self._tokens[token] = (user_id, now + RESET_TTL_S)
        link = f"https://app.example/reset?token={token}"
        await self._mailer.send(email, "Reset your password", f"Reset link: {link}")

    def consume(self, token: str) -> int | None:
        entry = self._tokens.pop(token, None)
        if entry is None or entry[1] < time.time():
            return None
        return entry[0]


class SharedPasswordResets:
    """Correct: the token lives in Redis, so any replica can confirm it."""

    def __init__(self, mailer: Mailer, redis: Redis) -> None:
        self._mailer = mailer
        self._redis = redis
        self._issued: dict[str, float] = {}

    async def request(self, user_id: int, email: str) -> None:
        token = secrets.token_urlsafe(32)
        await self._redis.set(f"reset:{token}", user_id, ex=RESET_TTL_S)
        self._issued[token] = time.time()
        await self._mailer.send(email, "Reset your password", f"Reset link: https://app.example/reset?token={token}")

    async def consume(self, token: str) -> int | None:
        user_id = await self._redis.getdel(f"reset:{token}")
        return int(user_id) if user_id is not None else None

    def issued_count(self) -> int:
        return len(self._issued)
