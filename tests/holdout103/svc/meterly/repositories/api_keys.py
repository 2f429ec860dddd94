from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..core.timeutil import utcnow
from ..db.models import ApiKey


class ApiKeyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, key_id: uuid.UUID) -> ApiKey | None:
        return await self._session.get(ApiKey, key_id)

    async def get_by_hash(self, hashed_key: str) -> ApiKey | None:
        stmt = select(ApiKey).where(ApiKey.hashed_key == hashed_key, ApiKey.revoked_at.is_(None))
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def count_active(self, tenant_id: uuid.UUID) -> int:
        stmt = select(func.count()).select_from(ApiKey).where(
            ApiKey.tenant_id == tenant_id, ApiKey.revoked_at.is_(None)
        )
        return int((await self._session.execute(stmt)).scalar_one())

    async def list_for_tenant(self, tenant_id: uuid.UUID) -> Sequence[ApiKey]:
        stmt = select(ApiKey).where(ApiKey.tenant_id == tenant_id).order_by(ApiKey.created_at.desc())
        return (await self._session.execute(stmt)).scalars().all()

    async def insert(self, key: ApiKey) -> ApiKey:
        self._session.add(key)
        await self._session.flush()
        return key

    async def revoke(self, key_id: uuid.UUID, tenant_id: uuid.UUID) -> bool:
        stmt = (
            update(ApiKey)
            .where(ApiKey.id == key_id, ApiKey.tenant_id == tenant_id, ApiKey.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        return (await self._session.execute(stmt)).rowcount == 1

    async def list_keys_expiring_within(self, days: int) -> Sequence[ApiKey]:
        now = utcnow()
        stmt = (
            select(ApiKey)
            .where(ApiKey.expires_at.between(now, now + timedelta(days=days)), ApiKey.revoked_at.is_(None))
            .order_by(ApiKey.expires_at)
        )
        return (await self._session.execute(stmt)).scalars().all()

    async def mark_reminded(self, key_ids: Sequence[uuid.UUID], at: datetime) -> None:
        if key_ids:
            await self._session.execute(update(ApiKey).where(ApiKey.id.in_(key_ids)).values(last_reminded_at=at))
