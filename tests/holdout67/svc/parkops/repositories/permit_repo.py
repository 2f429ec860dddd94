from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .. import pg
from ..config import get_settings
from ..models import Permit


class PermitRepository:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def get(self, permit_id: int) -> Permit | None:
        return await self._db.get(Permit, permit_id)

    async def find_active(self, plate: str, zone_id: int) -> Permit | None:
        stmt = select(Permit).where(Permit.plate == plate, Permit.zone_id == zone_id, Permit.status == "active")
        return (await self._db.execute(stmt)).scalars().first()

    async def find_active_many(self, plates: Iterable[str], zone_id: int) -> dict[str, Permit]:
        stmt = select(Permit).where(
            Permit.plate.in_(list(plates)), Permit.zone_id == zone_id, Permit.status == "active"
        )
        return {p.plate: p for p in (await self._db.execute(stmt)).scalars()}

    async def count_active_for_holder(self, holder_id: int) -> int:
        stmt = select(func.count()).select_from(Permit).where(
            Permit.holder_id == holder_id, Permit.status.in_(("active", "pending"))
        )
        return int((await self._db.execute(stmt)).scalar_one())

    async def search_prefix(self, prefix: str, limit: int = 25) -> Sequence[Permit]:
        stmt = select(Permit).where(Permit.plate.like(f"{prefix}%")).order_by(Permit.plate).limit(limit)
        return (await self._db.execute(stmt)).scalars().all()

    async def expiring_between(self, start: date, end: date) -> Sequence[Permit]:
        stmt = select(Permit).where(Permit.status == "active", Permit.valid_until.between(start, end))
        return (await self._db.execute(stmt)).scalars().all()

    def add(self, permit: Permit) -> None:
        self._db.add(permit)


async def claim_for_renewal(permit_id: int) -> bool:
    """Mark a permit as being renewed; only one caller wins."""
    settings = get_settings()
    async with pg.pool().acquire(timeout=settings.pg_acquire_timeout) as conn, conn.transaction():
        row = await conn.fetchrow(
            "UPDATE permits SET status = 'renewing' WHERE id = $1 AND status = 'active' RETURNING id", permit_id
        )
        return row is not None
