from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Like


async def add(session: AsyncSession, user_id: int, post_id: int) -> bool:
    stmt = (
        insert(Like)
        .values(user_id=user_id, post_id=post_id)
        .on_conflict_do_nothing(index_elements=[Like.user_id, Like.post_id])
        .returning(Like.post_id)
    )
    return (await session.execute(stmt)).first() is not None


async def remove(session: AsyncSession, user_id: int, post_id: int) -> bool:
    res = await session.execute(delete(Like).where(Like.user_id == user_id, Like.post_id == post_id))
    return res.rowcount > 0


async def liked_by(session: AsyncSession, user_id: int, post_ids: Sequence[int]) -> set[int]:
    if not post_ids:
        return set()
    rows = await session.scalars(
        select(Like.post_id).where(Like.user_id == user_id, Like.post_id.in_(post_ids))
    )
    return set(rows)


async def likers(session: AsyncSession, post_id: int, limit: int = 50) -> Sequence[int]:
    stmt = (
        select(Like.user_id)
        .where(Like.post_id == post_id)
        .order_by(Like.created_at.desc())
        .limit(limit)
    )
    return (await session.scalars(stmt)).all()


async def counts_since(session: AsyncSession, since: datetime) -> list[tuple[int, int]]:
    stmt = (
        select(Like.post_id, func.count())
        .where(Like.created_at >= since)
        .group_by(Like.post_id)
    )
    return [(pid, n) for pid, n in (await session.execute(stmt)).all()]
