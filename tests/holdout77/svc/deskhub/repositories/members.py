from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Member, Plan, Subscription


class MemberRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, member_id: int) -> Member | None:
        return await self._session.get(Member, member_id)

    async def by_ids(self, ids: Iterable[int]) -> dict[int, Member]:
        wanted = set(ids)
        if not wanted:
            return {}
        result = await self._session.execute(select(Member).where(Member.id.in_(wanted)))
        return {member.id: member for member in result.scalars()}

    async def by_email(self, email: str) -> Member | None:
        stmt = select(Member).where(func.lower(Member.email) == email.strip().lower())
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def by_badge(self, badge_id: str) -> Member | None:
        stmt = select(Member).where(Member.badge_id == badge_id)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def search(self, term: str, limit: int = 25) -> list[Member]:
        pattern = f"%{term.strip().lower()}%"
        stmt = (
            select(Member)
            .where(or_(func.lower(Member.name).like(pattern), func.lower(Member.company).like(pattern)))
            .order_by(Member.name)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def active_members(self) -> list[Member]:
        stmt = select(Member).where(Member.status == "active").order_by(Member.id)
        return list((await self._session.execute(stmt)).scalars())

    async def active_subscription(self, member_id: int) -> Subscription | None:
        stmt = select(Subscription).where(Subscription.member_id == member_id, Subscription.status == "active")
        return (await self._session.execute(stmt)).unique().scalar_one_or_none()

    async def subscription_for_update(self, member_id: int) -> Subscription | None:
        stmt = (
            select(Subscription)
            .where(Subscription.member_id == member_id, Subscription.status == "active")
            .with_for_update(of=Subscription)
        )
        return (await self._session.execute(stmt)).unique().scalar_one_or_none()

    async def add_room_credits(self, subscription_id: int, hours: Decimal) -> None:
        await self._session.execute(
            update(Subscription)
            .where(Subscription.id == subscription_id)
            .values(room_credits_remaining=Subscription.room_credits_remaining + hours)
        )

    async def plans_by_code(self) -> dict[str, Plan]:
        result = await self._session.execute(select(Plan).where(Plan.active.is_(True)))
        return {plan.code: plan for plan in result.scalars()}
