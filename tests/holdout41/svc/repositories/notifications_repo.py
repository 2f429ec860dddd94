from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Notification


async def create(session: AsyncSession, user_id: int, kind: str, payload: dict) -> int:
    note = Notification(user_id=user_id, kind=kind, payload=payload)
    session.add(note)
    await session.flush()
    return note.id


async def create_many(session: AsyncSession, rows: Sequence[dict]) -> None:
    if rows:
        await session.execute(insert(Notification), list(rows))


async def recent(session: AsyncSession, user_id: int, limit: int = 50) -> Sequence[Notification]:
    stmt = (
        select(Notification)
        .where(Notification.user_id == user_id)
        .order_by(Notification.created_at.desc())
        .limit(limit)
    )
    return (await session.scalars(stmt)).all()


async def mark_read(session: AsyncSession, user_id: int, ids: Sequence[int]) -> None:
    await session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.id.in_(ids))
        .values(read_at=datetime.now(timezone.utc))
    )
