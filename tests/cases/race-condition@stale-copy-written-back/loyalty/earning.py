"""Points earned on a purchase, after the partner confirms it."""
from sqlalchemy.ext.asyncio import AsyncSession

from loyalty import store


async def earn(session: AsyncSession, partner, member_id: int, amount: int) -> int:
    member = await store.load_member(session, member_id)
    points = member.points
    bonus = await partner.bonus_for(member_id, amount)
    member.points = points + amount + bonus  # expect: race-condition
    await session.commit()
    return member.points


async def earn_locked(session: AsyncSession, partner, member_id: int, amount: int) -> int:
    member = await store.lock_member(session, member_id)
    points = member.points
    bonus = await partner.bonus_for(member_id, amount)
    member.points = points + amount + bonus
    await session.commit()
    return member.points


async def visit(session: AsyncSession, partner, member_id: int) -> None:
    member = await store.load_member(session, member_id)
    visits = member.visits
    await partner.notify(member_id, visits)
    member.visits = 1
    await session.commit()
