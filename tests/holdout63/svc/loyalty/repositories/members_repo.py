from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, func, literal_column, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from loyalty.db.models import Member, PointsBatch, Tier


class MemberNotFound(LookupError):
    pass


class MembersRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @staticmethod
    def pin_query(member_id: int) -> Select:
        return select(literal_column("salt"), literal_column("pin_hash")).select_from(text("member_pins")).where(
            text("member_id = :mid").bindparams(mid=member_id)
        )

    async def get_by_id(self, member_id: int) -> Member:
        member = await self._session.get(Member, member_id)
        if member is None:
            raise MemberNotFound(member_id)
        return member

    async def get_for_update(self, member_id: int) -> Member:
        stmt = select(Member).where(Member.id == member_id).with_for_update()
        member = (await self._session.execute(stmt)).scalar_one_or_none()
        if member is None:
            raise MemberNotFound(member_id)
        return member

    async def get_by_email(self, email: str) -> Member | None:
        stmt = select(Member).where(Member.email == email)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def get_many(self, member_ids: Sequence[int]) -> dict[int, Member]:
        if not member_ids:
            return {}
        stmt = select(Member).where(Member.id.in_(member_ids))
        rows = (await self._session.execute(stmt)).scalars().all()
        return {m.id: m for m in rows}

    async def get_with_batches(self, member_id: int) -> Member:
        stmt = select(Member).where(Member.id == member_id).options(selectinload(Member.batches))
        member = (await self._session.execute(stmt)).scalar_one_or_none()
        if member is None:
            raise MemberNotFound(member_id)
        return member

    async def tier_of(self, member_id: int) -> Tier:
        stmt = select(Member.tier).where(Member.id == member_id)
        return (await self._session.execute(stmt)).scalar_one()

    async def by_tier_and_region(self, tier: Tier, region: str, limit: int = 1000, after_id: int = 0) -> list[Member]:
        stmt = (
            select(Member)
            .where(Member.tier == tier, Member.region == region, Member.id > after_id)
            .order_by(Member.id)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def adjust_balance(self, member_id: int, delta: int) -> int:
        stmt = (
            update(Member)
            .where(Member.id == member_id)
            .values(
                points_balance=Member.points_balance + delta,
                lifetime_points=Member.lifetime_points + func.greatest(delta, 0),
            )
            .returning(Member.points_balance)
        )
        return (await self._session.execute(stmt)).scalar_one()

    async def set_tier(self, member_id: int, tier: Tier) -> None:
        await self._session.execute(update(Member).where(Member.id == member_id).values(tier=tier))

    async def active_ids_page(self, after_id: int, limit: int) -> list[int]:
        stmt = (
            select(Member.id)
            .where(Member.status == "active", Member.id > after_id)
            .order_by(Member.id)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def expiring_batches(self, member_id: int, before) -> list[PointsBatch]:
        stmt = select(PointsBatch).where(
            PointsBatch.member_id == member_id,
            PointsBatch.expires_at <= before,
            PointsBatch.points_remaining > 0,
        )
        return list((await self._session.execute(stmt)).scalars())
