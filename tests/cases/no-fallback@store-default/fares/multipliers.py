"""Demand multipliers kept in redis by a background job."""
import logging
from decimal import Decimal

from redis import asyncio as aioredis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)
KEY = "multiplier:{zone}"


class MultiplierStore:
    def __init__(self, client: aioredis.Redis) -> None:
        self.client = client

    async def for_quote(self, zone: str) -> Decimal:
        raw = await self.client.get(KEY.format(zone=zone))  # expect: no-fallback
        return Decimal(raw) if raw is not None else Decimal("1.0")

    async def for_display(self, zone: str) -> Decimal:
        try:
            raw = await self.client.get(KEY.format(zone=zone))
        except RedisError:
            log.warning("multiplier lookup failed for %s", zone, exc_info=True)
            return Decimal("1.0")
        return Decimal(raw) if raw is not None else Decimal("1.0")


class SessionStore:
    """Sessions live only in redis: no sibling read degrades, nothing to fall back to."""

    def __init__(self, client: aioredis.Redis) -> None:
        self.client = client

    async def user_of(self, token: str) -> str | None:
        return await self.client.get(f"session:{token}")

    async def expiry_of(self, token: str) -> int:
        return await self.client.ttl(f"session:{token}")
