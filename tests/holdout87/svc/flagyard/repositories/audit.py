from __future__ import annotations

import uuid

from sqlalchemy import Text, cast, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import AuditEntry


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def insert(self, entry: AuditEntry) -> None:
        self._session.add(entry)
        await self._session.commit()

    async def page_for_org(self, org_id: uuid.UUID, after_id: int, limit: int) -> list[AuditEntry]:
        result = await self._session.execute(
            select(AuditEntry)
            .where(AuditEntry.org_id == org_id, AuditEntry.id > after_id)
            .order_by(AuditEntry.id)
            .limit(limit)
        )
        return list(result.scalars())

    async def recent_for_actor(self, actor_id: uuid.UUID, limit: int = 100) -> list[AuditEntry]:
        result = await self._session.execute(
            select(AuditEntry)
            .where(AuditEntry.actor_id == actor_id)
            .order_by(AuditEntry.created_at.desc())
            .limit(limit)
        )
        return list(result.scalars())

    async def history_for_target(self, org_id: uuid.UUID, target_key: str) -> list[AuditEntry]:
        result = await self._session.execute(
            select(AuditEntry)
            .where(AuditEntry.target_key == target_key)
            .order_by(AuditEntry.created_at.desc())
        )
        rows = list(result.scalars())
        return [row for row in rows if row.org_id == org_id]

    async def search(self, org_id: uuid.UUID, text: str) -> list[AuditEntry]:
        result = await self._session.execute(
            select(AuditEntry)
            .where(AuditEntry.org_id == org_id)
            .where(cast(AuditEntry.payload, Text).ilike(f"%{text}%"))
            .order_by(AuditEntry.created_at.desc())
        )
        return list(result.scalars())

    async def all_for_org(self, org_id: uuid.UUID) -> list[AuditEntry]:
        result = await self._session.execute(
            select(AuditEntry).where(AuditEntry.org_id == org_id).order_by(AuditEntry.created_at)
        )
        return list(result.scalars())
