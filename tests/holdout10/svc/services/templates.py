"""Template library and account branding, cached in front of postgres."""
from __future__ import annotations

import contextlib
import copy
import json
import logging
import threading
from typing import Any
from uuid import UUID

from cachetools import TTLCache
from fastapi import HTTPException
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.db.models import Account, Template

logger = logging.getLogger(__name__)

_REDIS_TTL = 3600


async def load_template(session: AsyncSession, account_id: UUID, template_id: UUID) -> Template:
    tpl = await session.scalar(select(Template).where(Template.id == template_id, Template.account_id == account_id))
    if tpl is None:
        raise HTTPException(status_code=404, detail="template not found")
    return tpl


def _as_dict(tpl: Template) -> dict[str, Any]:
    return {"id": str(tpl.id), "name": tpl.name, "version": tpl.version, "fields": tpl.fields, "document_key": tpl.document_key, "page_count": tpl.page_count}


class TemplateCache:
    """Process-local TTL cache in front of redis; postgres is the source of truth."""

    def __init__(self, redis: Redis, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._redis = redis
        self._session_factory = session_factory
        self._local: TTLCache[str, dict[str, Any]] = TTLCache(maxsize=512, ttl=60)
        self._refresh_lock = threading.Lock()

    @staticmethod
    def _key(account_id: UUID, template_id: UUID) -> str:
        return f"tpl:{account_id}:{template_id}"

    async def get(self, account_id: UUID, template_id: UUID) -> dict[str, Any]:
        key = self._key(account_id, template_id)
        cached = self._local.get(key)
        if cached is None:
            cached = await self._load(account_id, template_id, key)
            self._local[key] = cached
        return copy.deepcopy(cached)

    async def _load(self, account_id: UUID, template_id: UUID, key: str) -> dict[str, Any]:
        try:
            raw = await self._redis.get(key)
        except RedisError:
            logger.warning("template cache unavailable, reading %s from postgres", key, exc_info=True)
            raw = None
        if raw is not None:
            return json.loads(raw)
        data = await self._from_db(account_id, template_id)
        with contextlib.suppress(RedisError):
            await self._redis.set(key, json.dumps(data), ex=_REDIS_TTL)
        return data

    async def _from_db(self, account_id: UUID, template_id: UUID) -> dict[str, Any]:
        async with self._session_factory() as session:
            return _as_dict(await load_template(session, account_id, template_id))

    async def refresh(self, account_id: UUID, template_id: UUID) -> None:
        key = self._key(account_id, template_id)
        with self._refresh_lock:
            data = await self._from_db(account_id, template_id)
            self._local[key] = data
            await self._redis.set(key, json.dumps(data), ex=_REDIS_TTL)

    def invalidate_local(self, account_id: UUID, template_id: UUID) -> None:
        self._local.pop(self._key(account_id, template_id), None)


class TemplateService:
    def __init__(self, session: AsyncSession, cache: TemplateCache) -> None:
        self._session = session
        self._cache = cache

    async def update_fields(self, account_id: UUID, template_id: UUID, fields: list[dict[str, Any]]) -> None:
        stmt = update(Template).where(Template.id == template_id, Template.account_id == account_id)
        await self._session.execute(stmt.values(fields=fields, version=Template.version + 1))
        await self._session.commit()
        await self._cache.invalidate_local(account_id, template_id)


class BrandingService:
    """Logo and colours shown on the signing page."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory
        self._cache: TTLCache[UUID, dict[str, Any]] = TTLCache(maxsize=2048, ttl=300)

    async def for_account(self, account_id: UUID) -> dict[str, Any]:
        brand = self._cache.get(account_id)
        if brand is None:
            async with self._session_factory() as session:
                stmt = select(Account.display_name, Account.brand_color, Account.logo_url).where(Account.id == account_id)
                row = (await session.execute(stmt)).one()
            brand = {"name": row.display_name, "color": row.brand_color, "logo": row.logo_url}
            self._cache[account_id] = brand
        return brand
