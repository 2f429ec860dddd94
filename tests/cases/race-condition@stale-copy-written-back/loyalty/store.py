from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from loyalty.models import Member


async def load_member(session: AsyncSession, member_id: int) -> Member | None:
    return await session.scalar(select(Member).where(Member.id == member_id))


async def lock_member(session: AsyncSession, member_id: int) -> Member | None:
    return await session.scalar(select(Member).where(Member.id == member_id).with_for_update())
