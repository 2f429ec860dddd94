from __future__ import annotations

import uuid
from datetime import datetime
from typing import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import UsageRollup


class UsageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def upsert_rollups(self, rows: Iterable[dict]) -> None:
        rows = list(rows)
        if not rows:
            return
        stmt = insert(UsageRollup).values(rows)
        stmt = stmt.on_conflict_do_update(
            constraint="uq_usage_rollups_key_hour",
            set_={
                "requests": UsageRollup.requests + stmt.excluded.requests,
                "errors": UsageRollup.errors + stmt.excluded.errors,
                "bytes_out": UsageRollup.bytes_out + stmt.excluded.bytes_out,
            },
        )
        await self._session.execute(stmt)

    async def total_requests(self, tenant_id: uuid.UUID, start: datetime, end: datetime) -> int:
        stmt = select(func.coalesce(func.sum(UsageRollup.requests), 0)).where(
            UsageRollup.tenant_id == tenant_id, UsageRollup.hour >= start, UsageRollup.hour < end
        )
        return int((await self._session.execute(stmt)).scalar_one())

    async def count_for_key(self, tenant_id: uuid.UUID, api_key_id: uuid.UUID, since: datetime) -> int:
        stmt = select(func.coalesce(func.sum(UsageRollup.requests), 0)).where(
            UsageRollup.tenant_id == tenant_id, UsageRollup.api_key_id == api_key_id, UsageRollup.hour >= since
        )
        return int((await self._session.execute(stmt)).scalar_one())

    async def per_key_totals(self, tenant_id: uuid.UUID, since: datetime) -> dict[uuid.UUID, int]:
        stmt = (
            select(UsageRollup.api_key_id, func.sum(UsageRollup.requests))
            .where(UsageRollup.tenant_id == tenant_id, UsageRollup.hour >= since)
            .group_by(UsageRollup.api_key_id)
        )
        return {key_id: int(total) for key_id, total in (await self._session.execute(stmt)).all()}

    async def rollup_page(
        self, tenant_id: uuid.UUID, start: datetime, end: datetime, offset: int, limit: int
    ) -> tuple[int, Sequence[UsageRollup]]:
        base = select(UsageRollup).where(
            UsageRollup.tenant_id == tenant_id, UsageRollup.hour >= start, UsageRollup.hour < end
        )
        total = len((await self._session.execute(base)).scalars().all())
        page = await self._session.execute(base.order_by(UsageRollup.hour).offset(offset).limit(limit))
        return total, page.scalars().all()
