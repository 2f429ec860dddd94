"""Webhook endpoint and delivery persistence (SQLAlchemy)."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import WebhookDelivery, WebhookEndpoint


async def upsert_endpoint(session: AsyncSession, account_id: UUID, url: str, secret: str) -> UUID | None:
    stmt = pg_insert(WebhookEndpoint).values(account_id=account_id, url=url, secret=secret, active=True)
    stmt = stmt.on_conflict_do_nothing(constraint="uq_webhook_account_url").returning(WebhookEndpoint.id)
    return await session.scalar(stmt)


async def active_endpoints(session: AsyncSession, account_id: UUID) -> list[WebhookEndpoint]:
    stmt = select(WebhookEndpoint).where(WebhookEndpoint.account_id == account_id, WebhookEndpoint.active.is_(True))
    return list(await session.scalars(stmt))


def enqueue(session: AsyncSession, endpoints: list[WebhookEndpoint], event_type: str, payload: dict[str, Any]) -> None:
    session.add_all([WebhookDelivery(endpoint_id=ep.id, event_type=event_type, payload=payload) for ep in endpoints])


async def claim_due(session: AsyncSession, limit: int) -> list[WebhookDelivery]:
    stmt = select(WebhookDelivery).where(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= func.now())
    stmt = stmt.order_by(WebhookDelivery.next_attempt_at).limit(limit).with_for_update(skip_locked=True)
    return list(await session.scalars(stmt))
