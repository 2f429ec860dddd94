from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from stacks.db.models import Licence


class LicenceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, licence_id: int) -> Licence | None:
        return await self._session.get(Licence, licence_id)

    async def for_title(self, title_id: int) -> list[Licence]:
        rows = await self._session.scalars(select(Licence).where(Licence.title_id == title_id))
        return list(rows)

    async def all_active(self, limit: int, after_id: int = 0) -> list[Licence]:
        stmt = select(Licence).where(Licence.id > after_id).order_by(Licence.id).limit(limit)
        return list(await self._session.scalars(stmt))

    async def reserve_copy(self, licence_id: int) -> bool:
        result = await self._session.execute(
            text(
                "UPDATE licences SET in_use = in_use + 1, "
                "checkouts_remaining = CASE WHEN checkouts_remaining IS NULL THEN NULL ELSE checkouts_remaining - 1 END "
                "WHERE id = :id AND in_use < concurrent_cap "
                "AND (checkouts_remaining IS NULL OR checkouts_remaining > 0) "
                "AND (expires_at IS NULL OR expires_at > now()) RETURNING id"
            ),
            {"id": licence_id},
        )
        return result.scalar_one_or_none() is not None

    async def release_copy(self, licence_id: int) -> None:
        await self._session.execute(
            text("UPDATE licences SET in_use = greatest(in_use - 1, 0) WHERE id = :id"), {"id": licence_id}
        )

    async def apply_status(self, licence: Licence, cap: int, remaining: int | None, in_use: int) -> None:
        licence.concurrent_cap = cap
        licence.checkouts_remaining = remaining
        licence.in_use = in_use
