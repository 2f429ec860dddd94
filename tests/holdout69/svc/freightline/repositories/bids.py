"""Bid persistence."""
from __future__ import annotations

from sqlalchemy import func, select, update

from freightline.db.models import Bid, BidStatus
from freightline.repositories.base import Repository


class BidRepository(Repository[Bid]):
    model = Bid

    async def count_for_load(self, load_id: int) -> int:
        stmt = select(func.count()).select_from(Bid).where(Bid.load_id == load_id)
        return int((await self.session.execute(stmt)).scalar_one())

    async def counts_for_loads(self, load_ids: list[int]) -> dict[int, int]:
        if not load_ids:
            return {}
        stmt = select(Bid.load_id, func.count()).where(Bid.load_id.in_(load_ids)).group_by(Bid.load_id)
        return {load_id: n for load_id, n in (await self.session.execute(stmt)).all()}

    async def list_for_load(self, load_id: int) -> list[Bid]:
        stmt = select(Bid).where(Bid.load_id == load_id).order_by(Bid.rate_cents)
        return list((await self.session.execute(stmt)).scalars())

    async def pending_for_carrier(self, carrier_id: int) -> list[Bid]:
        stmt = select(Bid).where(Bid.carrier_id == carrier_id, Bid.status == BidStatus.PENDING)
        return list((await self.session.execute(stmt)).scalars())

    async def set_status(self, bid_id: int, status: BidStatus) -> None:
        await self.session.execute(update(Bid).where(Bid.id == bid_id).values(status=status))

    async def reject_others(self, load_id: int, accepted_id: int) -> None:
        await self.session.execute(
            update(Bid)
            .where(Bid.load_id == load_id, Bid.id != accepted_id, Bid.status == BidStatus.PENDING)
            .values(status=BidStatus.REJECTED)
        )
