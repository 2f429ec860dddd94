from __future__ import annotations

import uuid
from datetime import datetime
from typing import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import ApiSpec


class SpecRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, spec: ApiSpec) -> ApiSpec:
        self._session.add(spec)
        await self._session.flush()
        return spec

    async def get_version(self, tenant_id: uuid.UUID, name: str, version: str) -> ApiSpec | None:
        stmt = select(ApiSpec).where(ApiSpec.tenant_id == tenant_id, ApiSpec.name == name, ApiSpec.version == version)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def page(self, tenant_id: uuid.UUID, before: datetime | None, limit: int) -> Sequence[ApiSpec]:
        stmt = select(ApiSpec).where(ApiSpec.tenant_id == tenant_id)
        if before is not None:
            stmt = stmt.where(ApiSpec.created_at < before)
        stmt = stmt.order_by(ApiSpec.created_at.desc()).limit(limit)
        return (await self._session.execute(stmt)).scalars().all()
