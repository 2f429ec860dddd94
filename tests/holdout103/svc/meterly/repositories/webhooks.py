from __future__ import annotations

import uuid
from datetime import datetime
from typing import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import DeadLetter, WebhookDelivery, WebhookEndpoint


class WebhookRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def endpoints_for_event(self, tenant_id: uuid.UUID, event_type: str) -> Sequence[WebhookEndpoint]:
        stmt = select(WebhookEndpoint).where(
            WebhookEndpoint.tenant_id == tenant_id,
            WebhookEndpoint.active.is_(True),
            WebhookEndpoint.events.any(event_type),
        )
        return (await self._session.execute(stmt)).scalars().all()

    async def get_endpoint(self, endpoint_id: uuid.UUID) -> WebhookEndpoint | None:
        return await self._session.get(WebhookEndpoint, endpoint_id)

    async def add_endpoint(self, endpoint: WebhookEndpoint) -> WebhookEndpoint:
        self._session.add(endpoint)
        await self._session.flush()
        return endpoint

    async def create_delivery(self, endpoint_id: uuid.UUID, event_type: str, payload: dict) -> WebhookDelivery:
        delivery = WebhookDelivery(endpoint_id=endpoint_id, event_type=event_type, payload=payload)
        self._session.add(delivery)
        await self._session.flush()
        return delivery

    async def due_deliveries(self, now: datetime, limit: int) -> Sequence[WebhookDelivery]:
        stmt = select(WebhookDelivery).where(WebhookDelivery.status == "retrying", WebhookDelivery.next_attempt_at <= now).limit(limit)
        return (await self._session.execute(stmt)).scalars().all()

    async def list_for_endpoint(self, endpoint_id: uuid.UUID, limit: int = 50) -> Sequence[WebhookDelivery]:
        stmt = (
            select(WebhookDelivery)
            .where(WebhookDelivery.endpoint_id == endpoint_id)
            .order_by(WebhookDelivery.created_at.desc())
            .limit(limit)
        )
        return (await self._session.execute(stmt)).scalars().all()

    async def count_pending(self) -> int:
        stmt = select(func.count()).select_from(WebhookDelivery).where(WebhookDelivery.status == "retrying")
        return int((await self._session.execute(stmt)).scalar_one())

    async def record_attempt(self, delivery_id: uuid.UUID, status: str, status_code: int | None,
                             next_attempt_at: datetime | None) -> None:
        stmt = (
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery_id)
            .values(status=status, last_status_code=status_code, next_attempt_at=next_attempt_at,
                    attempts=WebhookDelivery.attempts + 1)
        )
        await self._session.execute(stmt)

    async def bump_failures(self, endpoint_id: uuid.UUID, reset: bool = False) -> None:
        value = 0 if reset else WebhookEndpoint.consecutive_failures + 1
        await self._session.execute(
            update(WebhookEndpoint).where(WebhookEndpoint.id == endpoint_id).values(consecutive_failures=value)
        )


class DeadLetterRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(self, delivery: WebhookDelivery, error: str) -> None:
        stmt = (
            insert(DeadLetter)
            .values(delivery_id=delivery.id, endpoint_id=delivery.endpoint_id, error=error[:2000])
            .on_conflict_do_nothing(index_elements=["delivery_id"])
        )
        await self._session.execute(stmt)

    async def recent_for_endpoint(self, endpoint_id: uuid.UUID, limit: int = 100) -> Sequence[DeadLetter]:
        stmt = (
            select(DeadLetter)
            .where(DeadLetter.endpoint_id == endpoint_id)
            .order_by(DeadLetter.created_at.desc())
            .limit(limit)
        )
        return (await self._session.execute(stmt)).scalars().all()
