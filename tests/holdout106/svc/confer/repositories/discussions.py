from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import DiscussionPost


class DiscussionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def thread(self, submission_id: int, limit: int = 200) -> list[DiscussionPost]:
        stmt = (
            select(DiscussionPost)
            .where(DiscussionPost.submission_id == submission_id)
            .order_by(DiscussionPost.created_at)
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def add_post(self, submission_id: int, author_id: int, body: str, parent_id: int | None) -> DiscussionPost:
        post = DiscussionPost(
            submission_id=submission_id,
            author_id=author_id,
            parent_id=parent_id,
            body=body,
            created_at=datetime.now(timezone.utc),
        )
        self.session.add(post)
        await self.session.flush()
        return post

    async def participants(self, submission_id: int) -> list[int]:
        stmt = select(DiscussionPost.author_id).where(DiscussionPost.submission_id == submission_id).distinct()
        return list((await self.session.execute(stmt)).scalars())
