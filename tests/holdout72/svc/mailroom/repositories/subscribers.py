from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.db.models import Subscriber, SubscriberStatus, SubscriberTag


class SubscriberRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, subscriber_id: int) -> Subscriber | None:
        return await self.session.get(Subscriber, subscriber_id)

    async def get_by_email(self, list_id: int, email: str) -> Subscriber | None:
        stmt = select(Subscriber).where(Subscriber.list_id == list_id, Subscriber.email == email)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def add(self, **fields) -> Subscriber:
        sub = Subscriber(**fields)
        self.session.add(sub)
        await self.session.flush()
        return sub

    async def search(self, tenant_id: uuid.UUID, q: str, limit: int = 50) -> Sequence[Subscriber]:
        stmt = (
            select(Subscriber)
            .where(Subscriber.tenant_id == tenant_id, Subscriber.email.ilike(f"%{q}%"))
            .order_by(Subscriber.created_at.desc())
            .limit(limit)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def by_prefix(self, list_id: int, prefix: str, limit: int = 50) -> Sequence[Subscriber]:
        stmt = (
            select(Subscriber)
            .where(Subscriber.list_id == list_id, Subscriber.email.like(f"{prefix}%"))
            .order_by(Subscriber.email)
            .limit(limit)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def page_active(self, list_id: int, after_id: int = 0, limit: int = 1000) -> Sequence[Subscriber]:
        stmt = (
            select(Subscriber)
            .where(
                Subscriber.list_id == list_id,
                Subscriber.status == SubscriberStatus.active,
                Subscriber.id > after_id,
            )
            .order_by(Subscriber.id)
            .limit(limit)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def count_by_status(self, list_id: int) -> dict[str, int]:
        stmt = (
            select(Subscriber.status, func.count())
            .where(Subscriber.list_id == list_id)
            .group_by(Subscriber.status)
        )
        rows = (await self.session.execute(stmt)).all()
        return {status.value: n for status, n in rows}

    async def tags_for(self, subscriber_id: int) -> list[str]:
        stmt = select(SubscriberTag.tag).where(SubscriberTag.subscriber_id == subscriber_id)
        return list((await self.session.execute(stmt)).scalars())

    async def tags_for_many(self, subscriber_ids: Sequence[int]) -> dict[int, set[str]]:
        out: dict[int, set[str]] = {sid: set() for sid in subscriber_ids}
        if not subscriber_ids:
            return out
        stmt = select(SubscriberTag.subscriber_id, SubscriberTag.tag).where(
            SubscriberTag.subscriber_id.in_(subscriber_ids)
        )
        for sid, tag in (await self.session.execute(stmt)).all():
            out[sid].add(tag)
        return out

    async def set_status_by_email(self, tenant_id: uuid.UUID, email: str, status: SubscriberStatus) -> int:
        stmt = (
            update(Subscriber)
            .where(Subscriber.tenant_id == tenant_id, Subscriber.email == email)
            .values(status=status)
        )
        result = await self.session.execute(stmt)
        return result.rowcount or 0

    async def remove(self, subscriber_id: int) -> None:
        await self.session.execute(delete(Subscriber).where(Subscriber.id == subscriber_id))
