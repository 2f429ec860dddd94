import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

from loyalty import stock
from loyalty.repo import MemberRepo


class RewardsService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.members = MemberRepo(session)

    async def grant_bonus(self, member_id: int, bonus: int) -> None:
        current = await self.members.points_of(member_id)  # expect: race-condition
        await self.members.store_points(member_id, current + bonus)
        await self.session.commit()

    async def grant_bonus_atomically(self, member_id: int, bonus: int) -> None:
        await self.members.add_points(member_id, bonus)
        await self.session.commit()

    async def copy_points(self, source_id: int, target_id: int) -> None:
        current = await self.members.points_of(source_id)
        await self.members.store_points(target_id, current)
        await self.session.commit()


async def pick(conn: asyncpg.Connection, sku: str, count: int) -> None:
    left = await stock.on_hand(conn, sku)  # expect: race-condition
    await stock.put_quantity(conn, sku, left - count)


async def pick_locked(conn: asyncpg.Connection, sku: str, count: int) -> None:
    async with conn.transaction():
        left = await stock.on_hand_locked(conn, sku)
        await stock.put_quantity(conn, sku, left - count)
