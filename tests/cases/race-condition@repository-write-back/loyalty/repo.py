from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from loyalty.models import Member


class MemberRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def points_of(self, member_id: int) -> int:
        result = await self.session.execute(select(Member.points).where(Member.id == member_id))
        return result.scalar_one()

    async def store_points(self, member_id: int, points: int) -> None:
        await self.session.execute(update(Member).where(Member.id == member_id).values(points=points))

    async def add_points(self, member_id: int, delta: int) -> None:
        await self.session.execute(
            update(Member).where(Member.id == member_id).values(points=Member.points + delta))
