from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..models import Appeal, Fine


class FineRepository:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def get(self, fine_id: int) -> Fine | None:
        return await self._db.get(Fine, fine_id)

    async def get_by_ref(self, reference: str) -> Fine | None:
        stmt = select(Fine).where(Fine.reference == reference)
        return (await self._db.execute(stmt)).scalar_one_or_none()

    async def overdue(self, today: date, limit: int = 1000) -> Sequence[Fine]:
        stmt = (
            select(Fine)
            .where(Fine.status == "unpaid", Fine.due_date < today)
            .order_by(Fine.due_date)
            .limit(limit)
        )
        return (await self._db.execute(stmt)).scalars().all()

    async def for_plate_with_appeals(self, plate: str) -> Sequence[Fine]:
        stmt = (
            select(Fine)
            .where(Fine.plate == plate)
            .options(selectinload(Fine.appeals))
            .order_by(Fine.issued_at.desc())
            .limit(100)
        )
        return (await self._db.execute(stmt)).scalars().all()

    async def appeals_for(self, fine_id: int) -> Sequence[Appeal]:
        stmt = select(Appeal).where(Appeal.fine_id == fine_id).order_by(Appeal.submitted_at)
        return (await self._db.execute(stmt)).scalars().all()

    async def get_appeal(self, appeal_id: int) -> Appeal | None:
        return await self._db.get(Appeal, appeal_id)

    def add(self, obj: Fine | Appeal) -> None:
        self._db.add(obj)
