from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mail.models import Subscriber, Tag


class SubscriberRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def page_active(self, list_id: int, after_id: int, limit: int = 500) -> list[Subscriber]:
        stmt = (select(Subscriber).where(Subscriber.list_id == list_id, Subscriber.id > after_id)
                .order_by(Subscriber.id).limit(limit))
        return list((await self.session.execute(stmt)).scalars())

    async def tags_for(self, subscriber_id: int) -> list[str]:
        stmt = select(Tag.tag).where(Tag.subscriber_id == subscriber_id)
        return list((await self.session.execute(stmt)).scalars())

    async def tags_for_many(self, subscriber_ids: list[int]) -> dict[int, set[str]]:
        out: dict[int, set[str]] = {sid: set() for sid in subscriber_ids}
        stmt = select(Tag.subscriber_id, Tag.tag).where(Tag.subscriber_id.in_(subscriber_ids))
        for sid, tag in (await self.session.execute(stmt)).all():
            out[sid].add(tag)
        return out
