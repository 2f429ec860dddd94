"""Login sessions kept in Redis: every authenticated request reads one."""
import json
import secrets
from typing import Any

import redis.asyncio as redis

from shop.settings import SESSION_REDIS_URL, SESSION_TTL_SECONDS


class SessionStore:
    def __init__(self) -> None:
        self._redis = redis.from_url(SESSION_REDIS_URL, socket_timeout=2, decode_responses=True)  # expect: single-point-of-failure

    async def create(self, user: dict[str, Any]) -> str:
        token = secrets.token_urlsafe(32)
        await self._redis.set(f"session:{token}", json.dumps(user), ex=SESSION_TTL_SECONDS)
        return token

    async def load(self, token: str) -> dict[str, Any] | None:
        raw = await self._redis.get(f"session:{token}")
        return json.loads(raw) if raw else None

    async def drop(self, token: str) -> None:
        await self._redis.delete(f"session:{token}")

    async def close(self) -> None:
        await self._redis.aclose()


sessions = SessionStore()
