from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feed.models import Comment


async def latest_comments(session: AsyncSession, thread_id: int, limit: int = 20) -> list[Comment]:
    stmt = (
        select(Comment)
        .where(Comment.thread_id == thread_id)
        .order_by(Comment.created_at.desc())  # expect: missing-index
        .limit(limit)
    )
    return list((await session.scalars(stmt)).all())


async def comments_page(session: AsyncSession, thread_id: int, before_id: int, limit: int) -> list[Comment]:
    stmt = (
        select(Comment)
        .where(Comment.thread_id == thread_id, Comment.id < before_id)
        .order_by(Comment.id.desc())
        .limit(limit)
    )
    return list((await session.scalars(stmt)).all())


async def by_author(session: AsyncSession, author_id: int, limit: int) -> list[Comment]:
    stmt = select(Comment).where(Comment.author_id == author_id).order_by(Comment.created_at.desc()).limit(limit)
    return list((await session.scalars(stmt)).all())


async def whole_thread(session: AsyncSession, thread_id: int) -> list[Comment]:
    stmt = select(Comment).where(Comment.thread_id == thread_id).order_by(Comment.created_at)
    return list((await session.scalars(stmt)).all())
