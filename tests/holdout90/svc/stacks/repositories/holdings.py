from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from stacks.db.models import Holding


class HoldingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_rfid(self, rfid_tag: str) -> Holding | None:
        return await self._session.scalar(select(Holding).where(Holding.rfid_tag == rfid_tag))

    async def by_rfids(self, tags: list[str]) -> dict[str, Holding]:
        rows = await self._session.scalars(select(Holding).where(Holding.rfid_tag.in_(tags)))
        return {h.rfid_tag: h for h in rows if h.rfid_tag}

    async def counts_by_branch(self, title_id: int) -> dict[int, int]:
        stmt = (
            select(Holding.branch_id, func.count())
            .where(Holding.title_id == title_id, Holding.status == "on_shelf")
            .group_by(Holding.branch_id)
        )
        return {branch_id: n for branch_id, n in (await self._session.execute(stmt)).all()}

    async def first_on_shelf(self, title_id: int, branch_id: int) -> Holding | None:
        stmt = (
            select(Holding)
            .where(Holding.title_id == title_id, Holding.branch_id == branch_id, Holding.status == "on_shelf")
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        return await self._session.scalar(stmt)

    async def set_status(self, holding_id: int, status: str) -> None:
        await self._session.execute(update(Holding).where(Holding.id == holding_id).values(status=status))
