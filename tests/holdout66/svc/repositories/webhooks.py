from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import WebhookDelivery, WebhookSubscription


class WebhookRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def subscriptions_for_show(self, show_id: int) -> Sequence[WebhookSubscription]:
        stmt = select(WebhookSubscription).where(
            WebhookSubscription.show_id == show_id, WebhookSubscription.active.is_(True)
        )
        result = await self._session.execute(stmt)
        return result.scalars().all()

    async def subscription(self, subscription_id: int) -> WebhookSubscription | None:
        return await self._session.get(WebhookSubscription, subscription_id)

    async def subscriptions(self, ids: Sequence[int]) -> dict[int, WebhookSubscription]:
        result = await self._session.execute(select(WebhookSubscription).where(WebhookSubscription.id.in_(ids)))
        return {s.id: s for s in result.scalars()}

    async def due_deliveries(self, now: dt.datetime, limit: int = 200) -> Sequence[WebhookDelivery]:
        stmt = (
            select(WebhookDelivery)
            .where(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now)
            .order_by(WebhookDelivery.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        result = await self._session.execute(stmt)
        return result.scalars().all()

    async def enqueue(self, deliveries: Sequence[WebhookDelivery]) -> None:
        self._session.add_all(list(deliveries))
        await self._session.flush()

    async def mark(self, delivery_id: int, status: str, next_attempt_at: dt.datetime | None = None) -> None:
        values: dict[str, object] = {"status": status, "attempts": WebhookDelivery.attempts + 1}
        if next_attempt_at is not None:
            values["next_attempt_at"] = next_attempt_at
        await self._session.execute(update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(**values))
