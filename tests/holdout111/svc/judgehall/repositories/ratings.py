from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from judgehall.models import RatingChange
from judgehall.repositories.base import Repository


class RatingRepository(Repository[RatingChange]):
    model = RatingChange

    async def latest_for_user(self, user_id: int) -> RatingChange | None:
        stmt = (
            select(RatingChange)
            .where(RatingChange.user_id == user_id)
            .order_by(RatingChange.created_at.desc())
            .limit(1)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def history(self, user_id: int, limit: int = 100) -> list[RatingChange]:
        stmt = (
            select(RatingChange)
            .where(RatingChange.user_id == user_id)
            .order_by(RatingChange.created_at.desc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars().all())

    async def record(self, contest_id: int, changes: list[dict[str, int]]) -> int:
        if not changes:
            return 0
        stmt = (
            insert(RatingChange)
            .values([{**c, "contest_id": contest_id} for c in changes])
            .on_conflict_do_nothing(constraint="uq_rating_changes_user_contest")
        )
        result = await self.session.execute(stmt)
        return result.rowcount or 0
