from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..db.models import PassStatus, SeasonPass


class PassRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, pass_id: int) -> SeasonPass | None:
        return await self._session.get(SeasonPass, pass_id)

    async def activate(self, pass_id: int, media_uid: str) -> bool:
        result = await self._session.execute(
            update(SeasonPass)
            .where(SeasonPass.id == pass_id, SeasonPass.status == PassStatus.pending)
            .values(status=PassStatus.active, media_uid=media_uid)
            .returning(SeasonPass.id)
        )
        if result.scalar_one_or_none() is None:
            return False
        await self._session.execute(
            text(
                "INSERT INTO access_media (uid, pass_id, blocked) VALUES (:uid, :pid, false) "
                "ON CONFLICT (uid) DO UPDATE SET pass_id = EXCLUDED.pass_id, blocked = false"
            ),
            {"uid": media_uid, "pid": pass_id},
        )
        return True

    async def set_status(self, pass_id: int, status: PassStatus) -> None:
        await self._session.execute(
            update(SeasonPass).where(SeasonPass.id == pass_id).values(status=status)
        )

    async def for_customer(self, customer_id: int) -> Sequence[SeasonPass]:
        result = await self._session.scalars(
            select(SeasonPass).where(SeasonPass.customer_id == customer_id)
        )
        return result.all()

    async def for_customers(self, customer_ids: list[int]) -> dict[int, list[SeasonPass]]:
        grouped: dict[int, list[SeasonPass]] = {cid: [] for cid in customer_ids}
        if not customer_ids:
            return grouped
        result = await self._session.scalars(
            select(SeasonPass).where(SeasonPass.customer_id.in_(customer_ids))
        )
        for season_pass in result:
            grouped[season_pass.customer_id].append(season_pass)
        return grouped

    async def active_with_holders(self, season: str) -> Sequence[SeasonPass]:
        result = await self._session.scalars(
            select(SeasonPass)
            .options(selectinload(SeasonPass.customer))
            .where(SeasonPass.season == season, SeasonPass.status == PassStatus.active)
        )
        return result.all()

    async def active_ids(self, on: date) -> list[int]:
        result = await self._session.scalars(
            select(SeasonPass.id).where(
                SeasonPass.status == PassStatus.active,
                SeasonPass.valid_from <= on,
                SeasonPass.valid_to >= on,
            )
        )
        return list(result)
