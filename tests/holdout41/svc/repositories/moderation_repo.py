from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import ModerationItem

CLAIM_SQL = text(
    """
    UPDATE moderation_queue AS q
       SET status = 'classifying', attempts = q.attempts + 1, updated_at = now()
     WHERE q.id IN (
           SELECT id FROM moderation_queue
            WHERE status = 'pending'
            ORDER BY created_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED)
    RETURNING q.id, q.post_id, q.comment_id, q.attempts
    """
)


async def enqueue(session: AsyncSession, *, post_id: int | None = None, comment_id: int | None = None) -> int:
    item = ModerationItem(post_id=post_id, comment_id=comment_id)
    session.add(item)
    await session.flush()
    return item.id


async def claim_batch(session: AsyncSession, limit: int) -> list[dict]:
    rows = await session.execute(CLAIM_SQL, {"limit": limit})
    return [dict(r._mapping) for r in rows]


async def get(session: AsyncSession, item_id: int) -> ModerationItem | None:
    return await session.get(ModerationItem, item_id)


async def set_status(
    session: AsyncSession, item_id: int, status: str, reviewed_by: int | None = None
) -> None:
    await session.execute(
        update(ModerationItem)
        .where(ModerationItem.id == item_id)
        .values(status=status, reviewed_by=reviewed_by)
    )


async def decide_if_pending(session: AsyncSession, item_id: int, status: str, reviewer_id: int) -> bool:
    res = await session.execute(
        update(ModerationItem)
        .where(ModerationItem.id == item_id, ModerationItem.status == "needs_review")
        .values(status=status, reviewed_by=reviewer_id)
        .returning(ModerationItem.id)
    )
    return res.first() is not None


async def record_verdict(session: AsyncSession, item_id: int, *, status: str, score: float, labels: dict) -> None:
    await session.execute(
        update(ModerationItem)
        .where(ModerationItem.id == item_id)
        .values(status=status, score=score, labels=labels)
    )


async def requeue(session: AsyncSession, item_id: int) -> None:
    await session.execute(
        update(ModerationItem).where(ModerationItem.id == item_id).values(status="pending")
    )


async def review_queue(session: AsyncSession, limit: int = 50) -> Sequence[ModerationItem]:
    stmt = (
        select(ModerationItem)
        .where(ModerationItem.status == "needs_review")
        .order_by(ModerationItem.created_at)
        .limit(limit)
    )
    return (await session.scalars(stmt)).all()
