from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from glide.models import Rider, RiderStatus


class RiderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get(self, rider_id: uuid.UUID) -> Rider | None:
        return await self._s.get(Rider, rider_id)

    async def get_by_email(self, email: str) -> Rider | None:
        result = await self._s.execute(select(Rider).where(Rider.email == email.lower()))
        return result.scalar_one_or_none()

    async def get_by_phone(self, phone: str) -> Rider | None:
        result = await self._s.execute(select(Rider).where(Rider.phone == phone))
        return result.scalar_one_or_none()

    async def create_if_absent(
        self, *, email: str, phone: str, full_name: str, password_hash: str, city_id: int
    ) -> uuid.UUID | None:
        stmt = (
            insert(Rider)
            .values(
                id=uuid.uuid4(),
                email=email.lower(),
                phone=phone,
                full_name=full_name,
                password_hash=password_hash,
                city_id=city_id,
            )
            .on_conflict_do_nothing(index_elements=[Rider.email])
            .returning(Rider.id)
        )
        result = await self._s.execute(stmt)
        return result.scalar_one_or_none()

    async def by_ids(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Rider]:
        if not ids:
            return {}
        result = await self._s.execute(select(Rider).where(Rider.id.in_(set(ids))))
        return {r.id: r for r in result.scalars()}

    async def search(self, query: str, limit: int = 50) -> Sequence[Rider]:
        stmt = (
            select(Rider)
            .where(Rider.email.ilike(f"%{query}%"))
            .order_by(Rider.created_at.desc())
            .limit(limit)
        )
        return (await self._s.execute(stmt)).scalars().all()

    async def list_page(self, city_id: int, limit: int, after: uuid.UUID | None = None) -> Sequence[Rider]:
        stmt = select(Rider).where(Rider.city_id == city_id).order_by(Rider.id).limit(limit)
        if after is not None:
            stmt = stmt.where(Rider.id > after)
        return (await self._s.execute(stmt)).scalars().all()

    async def set_status(self, rider_id: uuid.UUID, status: RiderStatus) -> bool:
        result = await self._s.execute(
            update(Rider).where(Rider.id == rider_id).values(status=status).returning(Rider.id)
        )
        return result.scalar_one_or_none() is not None

    async def count_active(self, city_id: int) -> int:
        stmt = select(func.count()).select_from(Rider).where(
            Rider.city_id == city_id, Rider.status == RiderStatus.ACTIVE
        )
        return int((await self._s.execute(stmt)).scalar_one())
