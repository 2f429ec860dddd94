from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from loyalty.db.models import Reward, Voucher


class RewardsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_reward(self, reward_id: int) -> Reward | None:
        return await self._session.get(Reward, reward_id)

    async def rewards_by_ids(self, reward_ids: Iterable[int]) -> dict[int, Reward]:
        ids = sorted(set(reward_ids))
        if not ids:
            return {}
        rows = (await self._session.execute(select(Reward).where(Reward.id.in_(ids)))).scalars()
        return {r.id: r for r in rows}

    async def list_for_region(self, region: str) -> list[Reward]:
        stmt = select(Reward).where(Reward.region == region).order_by(Reward.cost_points)
        return list((await self._session.execute(stmt)).scalars())

    async def decrement_stock(self, reward_id: int) -> bool:
        stmt = (
            update(Reward)
            .where(Reward.id == reward_id, Reward.stock > 0)
            .values(stock=Reward.stock - 1)
            .returning(Reward.id)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none() is not None

    async def create_voucher(self, member_id: int, reward_id: int) -> Voucher:
        voucher = Voucher(member_id=member_id, reward_id=reward_id, status="pending")
        self._session.add(voucher)
        await self._session.flush()
        return voucher

    async def vouchers_for_member(self, member_id: int) -> list[Voucher]:
        stmt = select(Voucher).where(Voucher.member_id == member_id).order_by(Voucher.issued_at.desc())
        return list((await self._session.execute(stmt)).scalars())

    async def voucher_by_partner_ref(self, partner_ref: str) -> Voucher | None:
        stmt = select(Voucher).where(Voucher.partner_ref == partner_ref)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def pending_vouchers(self, limit: int = 200) -> list[Voucher]:
        stmt = select(Voucher).where(Voucher.status == "issued").limit(limit)
        return list((await self._session.execute(stmt)).scalars())
