from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Post


async def get(session: AsyncSession, post_id: int) -> Post | None:
    post = await session.get(Post, post_id)
    if post is None or post.deleted_at is not None:
        return None
    return post


async def get_many(session: AsyncSession, post_ids: Sequence[int]) -> list[Post]:
    if not post_ids:
        return []
    rows = await session.scalars(
        select(Post).where(Post.id.in_(post_ids), Post.deleted_at.is_(None), Post.status == "published")
    )
    by_id = {p.id: p for p in rows}
    return [by_id[i] for i in post_ids if i in by_id]


async def create(session: AsyncSession, *, author_id: int, body: str, media_id: int | None, visibility: str) -> Post:
    post = Post(author_id=author_id, body=body, media_id=media_id, visibility=visibility)
    session.add(post)
    await session.flush()
    return post


async def soft_delete(session: AsyncSession, post_id: int) -> None:
    await session.execute(
        update(Post).where(Post.id == post_id).values(deleted_at=datetime.now(timezone.utc))
    )


async def set_status(session: AsyncSession, post_id: int, status: str) -> None:
    await session.execute(update(Post).where(Post.id == post_id).values(status=status))


async def list_by_author(
    session: AsyncSession, author_id: int, *, before: datetime | None, limit: int
) -> Sequence[Post]:
    stmt = select(Post).where(Post.author_id == author_id, Post.deleted_at.is_(None))
    if before is not None:
        stmt = stmt.where(Post.created_at < before)
    stmt = stmt.order_by(Post.created_at.desc()).limit(limit)
    return (await session.scalars(stmt)).all()


async def recent_by_authors(session: AsyncSession, author_ids: Sequence[int], limit: int) -> Sequence[Post]:
    stmt = (
        select(Post)
        .where(Post.author_id.in_(author_ids), Post.deleted_at.is_(None), Post.status == "published")
        .order_by(Post.created_at.desc())
        .limit(limit)
    )
    return (await session.scalars(stmt)).all()


async def bump_like_count(session: AsyncSession, post_id: int, delta: int) -> None:
    await session.execute(
        update(Post).where(Post.id == post_id).values(like_count=Post.like_count + delta)
    )


async def bump_comment_count(session: AsyncSession, post_id: int, delta: int = 1) -> None:
    await session.execute(
        update(Post).where(Post.id == post_id).values(comment_count=Post.comment_count + delta)
    )


async def search_body(session: AsyncSession, term: str) -> Sequence[Post]:
    stmt = (
        select(Post)
        .where(Post.body.ilike(f"%{term}%"), Post.deleted_at.is_(None))
        .order_by(Post.created_at.desc())
    )
    return (await session.scalars(stmt)).all()


async def top_for_authors_since(
    session: AsyncSession, author_ids: Sequence[int], since: datetime, limit: int = 5
) -> Sequence[Post]:
    stmt = (
        select(Post)
        .where(Post.author_id.in_(author_ids), Post.created_at >= since, Post.deleted_at.is_(None))
        .order_by(Post.like_count.desc())
        .limit(limit)
    )
    return (await session.scalars(stmt)).all()
