"""Redis client factory, channel names, a leader lock for periodic jobs, and the
per-process tenant configuration cache."""
from __future__ import annotations

import asyncio
import secrets
import uuid
from dataclasses import dataclass

import redis.asyncio as redis
from cachetools import TTLCache

from svc.db import Database
from svc.errors import NotFoundError
from svc.settings import Settings

_RELEASE_SCRIPT = """
if redis.call("get", KEYS[1]) == ARGV[1] then
    return redis.call("del", KEYS[1])
end
return 0
"""

CONTROL_PATTERN = "devices:*:control"


def create_redis(settings: Settings) -> redis.Redis:
    return redis.Redis.from_url(
        settings.redis_url,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_connect_timeout,
        health_check_interval=30,
        decode_responses=True,
    )


def control_channel(device_id: uuid.UUID) -> str:
    """Channel carrying commands and control messages for one device, whichever replica holds it."""
    return f"devices:{device_id}:control"


def device_from_channel(channel: str) -> uuid.UUID | None:
    parts = channel.split(":")
    if len(parts) != 3:
        return None
    try:
        return uuid.UUID(parts[1])
    except ValueError:
        return None


class LeaderLock:
    """Best-effort distributed lock (SET NX PX) so one replica at a time runs a periodic job."""

    def __init__(self, client: redis.Redis, name: str, *, ttl_ms: int) -> None:
        self._redis = client
        self._key = f"locks:{name}"
        self._ttl_ms = ttl_ms
        self._token: str | None = None

    async def acquire(self) -> bool:
        token = secrets.token_hex(16)
        if await self._redis.set(self._key, token, nx=True, px=self._ttl_ms):
            self._token = token
            return True
        return False

    async def release(self) -> None:
        if self._token is None:
            return
        await self._redis.eval(_RELEASE_SCRIPT, 1, self._key, self._token)
        self._token = None


@dataclass(frozen=True, slots=True)
class TenantConfig:
    id: uuid.UUID
    slug: str
    name: str
    plan: str
    webhook_url: str | None
    alert_contact: str | None
    api_rate_limit: int


class TenantConfigCache:
    """Tenant rows cached in this process for at most ``ttl`` seconds, so a change made through
    another replica is visible everywhere within a minute."""

    def __init__(self, db: Database, *, ttl: float = 60.0, maxsize: int = 10_000) -> None:
        self._db = db
        self._entries: TTLCache[uuid.UUID, TenantConfig] = TTLCache(maxsize=maxsize, ttl=ttl)
        self._locks: dict[uuid.UUID, asyncio.Lock] = {}

    async def get(self, tenant_id: uuid.UUID) -> TenantConfig:
        cached = self._entries.get(tenant_id)
        if cached is not None:
            return cached
        async with self._lock_for(tenant_id):
            if (cached := self._entries.get(tenant_id)) is None:
                cached = await self._load(tenant_id)
                self._entries[tenant_id] = cached
        return cached

    def invalidate(self, tenant_id: uuid.UUID) -> None:
        self._entries.pop(tenant_id, None)

    def _lock_for(self, tenant_id: uuid.UUID) -> asyncio.Lock:
        if tenant_id not in self._locks:
            self._locks[tenant_id] = asyncio.Lock()
        return self._locks[tenant_id]

    async def _load(self, tenant_id: uuid.UUID) -> TenantConfig:
        async with self._db.connection() as conn:
            row = await conn.fetchrow("SELECT * FROM tenants WHERE id = $1", tenant_id)
        if row is None:
            raise NotFoundError(f"tenant {tenant_id} not found")
        return TenantConfig(
            id=row["id"],
            slug=row["slug"],
            name=row["name"],
            plan=row["plan"],
            webhook_url=row["webhook_url"],
            alert_contact=row["alert_contact"],
            api_rate_limit=row["api_rate_limit"],
        )
