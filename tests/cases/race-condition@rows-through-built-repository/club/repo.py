from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from club.models import Member, Prize


class Members:
    def __init__(self, db: AsyncSession) -> None:
        self.db = db

    async def by_id(self, member_id: int) -> Member | None:
        return await self.db.get(Member, member_id)

    async def by_id_locked(self, member_id: int) -> Member | None:
        return await self.db.scalar(select(Member).where(Member.id == member_id).with_for_update())


class Prizes:
    def __init__(self, db: AsyncSession) -> None:
        self.db = db

    async def by_ids(self, ids: list[int]) -> dict[int, Prize]:
        rows = await self.db.scalars(select(Prize).where(Prize.id.in_(ids)))
        return {prize.id: prize for prize in rows}
