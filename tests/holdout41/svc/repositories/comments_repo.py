from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Comment


async def create(
    session: AsyncSession, *, post_id: int, author_id: int, body: str, parent_id: int | None, status: str
) -> Comment:
    comment = Comment(post_id=post_id, author_id=author_id, body=body, parent_id=parent_id, status=status)
    session.add(comment)
    await session.flush()
    return comment


async def get(session: AsyncSession, comment_id: int) -> Comment | None:
    return await session.get(Comment, comment_id)


async def top_level_for_post(session: AsyncSession, post_id: int, limit: int) -> Sequence[Comment]:
    stmt = (
        select(Comment)
        .where(Comment.post_id == post_id, Comment.parent_id.is_(None), Comment.status == "published")
        .order_by(Comment.created_at.asc())
        .limit(limit)
    )
    return (await session.scalars(stmt)).all()


async def replies_to(session: AsyncSession, parent_id: int) -> Sequence[Comment]:
    stmt = (
        select(Comment)
        .where(Comment.parent_id == parent_id, Comment.status == "published")
        .order_by(Comment.created_at.asc())
    )
    return (await session.scalars(stmt)).all()


async def replies_to_many(session: AsyncSession, parent_ids: Sequence[int]) -> dict[int, list[Comment]]:
    if not parent_ids:
        return {}
    stmt = (
        select(Comment)
        .where(Comment.parent_id.in_(parent_ids), Comment.status == "published")
        .order_by(Comment.created_at.asc())
    )
    grouped: dict[int, list[Comment]] = {pid: [] for pid in parent_ids}
    for c in await session.scalars(stmt):
        grouped[c.parent_id].append(c)
    return grouped


async def by_author(session: AsyncSession, author_id: int, limit: int = 50) -> Sequence[Comment]:
    stmt = (
        select(Comment)
        .where(Comment.author_id == author_id)
        .order_by(Comment.created_at.desc())
        .limit(limit)
    )
    return (await session.scalars(stmt)).all()
