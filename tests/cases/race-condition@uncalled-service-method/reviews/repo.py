from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from reviews.models import Review


class ReviewRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def exists_for_stay(self, stay_id: int) -> bool:
        found = await self.session.scalar(select(Review.id).where(Review.stay_id == stay_id).limit(1))
        return found is not None

    async def add(self, review: Review) -> Review:
        self.session.add(review)
        await self.session.flush()
        return review

    async def pending(self) -> Sequence[Review]:
        result = await self.session.execute(select(Review).where(Review.status == "pending").limit(100))
        return result.scalars().all()

    async def approve(self, ids: Sequence[int]) -> None:
        await self.session.execute(update(Review).where(Review.id.in_(ids)).values(status="approved"))

    async def commit(self) -> None:
        await self.session.commit()
