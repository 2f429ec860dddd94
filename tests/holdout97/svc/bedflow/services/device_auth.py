from __future__ import annotations

import asyncio
import logging

import bcrypt
from redis.asyncio import Redis

logger = logging.getLogger(__name__)


class DeviceAuthService:
    """PIN login for shared housekeeper handhelds."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def set_pin(self, housekeeper_id: str, pin: str) -> None:
        hashed = await asyncio.to_thread(bcrypt.hashpw, pin.encode(), bcrypt.gensalt(rounds=12))
        await self._redis.hset("handheld:pins", housekeeper_id, hashed.decode())

    async def verify_pin(self, housekeeper_id: str, pin: str) -> bool:
        stored = await self._redis.hget("handheld:pins", housekeeper_id)
        if stored is None:
            return False
        return bcrypt.checkpw(pin.encode(), stored.encode())
