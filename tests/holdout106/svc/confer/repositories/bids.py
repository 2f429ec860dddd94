from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Bid


class BidRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_reviewer(self, reviewer_id: int) -> list[Bid]:
        stmt = select(Bid).where(Bid.reviewer_id == reviewer_id)
        return list((await self.session.execute(stmt)).scalars())

    async def for_submissions(self, submission_ids: list[int]) -> list[Bid]:
        stmt = select(Bid).where(Bid.submission_id.in_(submission_ids))
        return list((await self.session.execute(stmt)).scalars())

    async def upsert(self, submission_id: int, reviewer_id: int, value: str) -> None:
        stmt = (
            insert(Bid)
            .values(submission_id=submission_id, reviewer_id=reviewer_id, value=value)
            .on_conflict_do_update(constraint="uq_bid", set_={"value": value})
        )
        await self.session.execute(stmt)

    async def add(self, submission_id: int, reviewer_id: int, value: str) -> None:
        self.session.add(Bid(submission_id=submission_id, reviewer_id=reviewer_id, value=value))
        await self.session.flush()
