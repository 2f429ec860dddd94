from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import RateLock


class RateLockRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def active_for(self, application_id: int) -> RateLock | None:
        stmt = select(RateLock).where(RateLock.application_id == application_id, RateLock.status == "active")
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def active_for_update(self, application_id: int) -> RateLock | None:
        stmt = (
            select(RateLock)
            .where(RateLock.application_id == application_id, RateLock.status == "active")
            .with_for_update()
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def expiring_before(self, cutoff: datetime, limit: int = 200) -> list[RateLock]:
        stmt = (
            select(RateLock)
            .where(RateLock.status == "active", RateLock.expires_at < cutoff)
            .order_by(RateLock.expires_at)
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def set_extension(self, lock_id: int, expires_at: datetime, count: int) -> None:
        await self.session.execute(
            update(RateLock).where(RateLock.id == lock_id).values(expires_at=expires_at, extension_count=count)
        )

    async def expire(self, lock_ids: list[int]) -> int:
        result = await self.session.execute(
            update(RateLock)
            .where(RateLock.id.in_(lock_ids), RateLock.status == "active")
            .values(status="expired")
        )
        return result.rowcount or 0

    async def add(self, lock: RateLock) -> RateLock:
        self.session.add(lock)
        await self.session.flush()
        return lock
