from __future__ import annotations

import asyncio
import json
import logging
import uuid
from datetime import datetime, timedelta

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..core.errors import NotFound, QuotaExceeded
from ..core.security import KeyPrincipal, generate_api_key, hash_api_key
from ..core.timeutil import utcnow
from ..db.models import ApiKey
from ..repositories.api_keys import ApiKeyRepository
from ..repositories.usage import UsageRepository
from .tenants import TenantService

logger = logging.getLogger(__name__)

PRINCIPAL_TTL_S = 300
VALID_SCOPES = frozenset({"usage:read", "specs:write", "specs:read", "webhooks:manage", "keys:manage", "admin"})


class KeyService:
    def __init__(self, redis: Redis, tenants: TenantService) -> None:
        self._redis = redis
        self._tenants = tenants

    async def create(self, session: AsyncSession, tenant_id: uuid.UUID, name: str, scopes: list[str],
                     ttl_days: int | None, rate_limit_per_min: int | None) -> tuple[ApiKey, str]:
        limits = await self._tenants.limits(session, tenant_id)
        repo = ApiKeyRepository(session)
        active = await repo.count_active(tenant_id)
        if active >= limits.max_keys:
            raise QuotaExceeded(f"plan allows {limits.max_keys} active keys")
        prefix, raw = generate_api_key()
        key = ApiKey(
            tenant_id=tenant_id,
            name=name,
            prefix=prefix,
            hashed_key=await asyncio.to_thread(hash_api_key, raw),
            scopes=sorted(set(scopes) & VALID_SCOPES),
            rate_limit_per_min=rate_limit_per_min,
            expires_at=utcnow() + timedelta(days=ttl_days) if ttl_days else None,
        )
        await repo.insert(key)
        await session.commit()
        logger.info("api key created", extra={"tenant_id": str(tenant_id), "key_id": str(key.id)})
        return key, raw

    async def revoke(self, session: AsyncSession, tenant_id: uuid.UUID, key_id: uuid.UUID) -> None:
        repo = ApiKeyRepository(session)
        key = await repo.get(key_id)
        if key is None or key.tenant_id != tenant_id or not await repo.revoke(key_id, tenant_id):
            raise NotFound("key not found")
        await session.commit()
        await self._redis.delete(f"apikey:{key.hashed_key}")

    async def principal_for(self, session: AsyncSession, digest: str) -> KeyPrincipal | None:
        cache_key = f"apikey:{digest}"
        cached = await self._redis.get(cache_key)
        if cached:
            data = json.loads(cached)
            return KeyPrincipal(data["key_id"], data["tenant_id"], frozenset(data["scopes"]), data["rpm"])
        key = await ApiKeyRepository(session).get_by_hash(digest)
        if key is None or (key.expires_at is not None and key.expires_at <= utcnow()):
            return None
        limits = await self._tenants.limits(session, key.tenant_id)
        rpm = key.rate_limit_per_min or limits.rate_limit_per_min
        principal = KeyPrincipal(str(key.id), str(key.tenant_id), frozenset(key.scopes), rpm)
        payload = {"key_id": principal.key_id, "tenant_id": principal.tenant_id,
                   "scopes": sorted(principal.scopes), "rpm": rpm}
        await self._redis.set(cache_key, json.dumps(payload), ex=PRINCIPAL_TTL_S)
        return principal

    async def list_with_usage(self, session: AsyncSession, tenant_id: uuid.UUID, since: datetime) -> list[dict]:
        keys = await ApiKeyRepository(session).list_for_tenant(tenant_id)
        totals = await UsageRepository(session).per_key_totals(tenant_id, since)
        return [
            {"id": str(k.id), "name": k.name, "prefix": k.prefix, "scopes": k.scopes,
             "expires_at": k.expires_at, "revoked": k.revoked_at is not None, "requests": totals.get(k.id, 0)}
            for k in keys
        ]
