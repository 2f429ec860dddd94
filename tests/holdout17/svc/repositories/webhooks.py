"""Merchant webhook endpoints and the delivery outbox (SQLAlchemy ORM)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Merchant, WebhookDelivery, WebhookEndpoint


class WebhookRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def endpoints_for_merchant(self, merchant_id: int) -> Sequence[WebhookEndpoint]:
        result = await self._session.scalars(
            select(WebhookEndpoint).where(WebhookEndpoint.merchant_id == merchant_id, WebhookEndpoint.active.is_(True))
        )
        return result.all()

    async def merchants_with_endpoints(self, merchant_ids: Sequence[int]) -> Sequence[Merchant]:
        result = await self._session.scalars(
            select(Merchant).where(Merchant.id.in_(merchant_ids)).options(selectinload(Merchant.endpoints))
        )
        return result.all()

    async def register_endpoint(self, merchant_id: int, url: str, event_types: list[str]) -> WebhookEndpoint:
        existing = await self._session.scalar(
            select(WebhookEndpoint).where(WebhookEndpoint.merchant_id == merchant_id, WebhookEndpoint.url == url)
        )
        if existing is None:
            existing = WebhookEndpoint(merchant_id=merchant_id, url=url, event_types=event_types, active=True)
            self._session.add(existing)
        else:
            existing.event_types = event_types
            existing.active = True
        await self._session.commit()
        return existing

    async def enqueue(self, endpoint_ids: Sequence[int], event_id: str, event_type: str, payload: dict[str, Any]) -> int:
        if not endpoint_ids:
            return 0
        stmt = (
            pg_insert(WebhookDelivery)
            .values([
                {"endpoint_id": eid, "event_id": event_id, "event_type": event_type, "payload": payload}
                for eid in endpoint_ids
            ])
            .on_conflict_do_nothing(index_elements=["endpoint_id", "event_id"])
        )
        result = await self._session.execute(stmt)
        await self._session.commit()
        return result.rowcount

    async def failure_counts(self, endpoints: Sequence[WebhookEndpoint]) -> dict[int, int]:
        counts: dict[int, int] = {}
        for endpoint in endpoints:
            counts[endpoint.id] = await self._session.scalar(select(func.count()).select_from(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id, WebhookDelivery.status == "failed")) or 0
        return counts

    async def pending_counts(self, endpoint_ids: Sequence[int]) -> dict[int, int]:
        rows = await self._session.execute(
            select(WebhookDelivery.endpoint_id, func.count())
            .where(WebhookDelivery.endpoint_id.in_(endpoint_ids), WebhookDelivery.status == "pending")
            .group_by(WebhookDelivery.endpoint_id)
        )
        return {endpoint_id: count for endpoint_id, count in rows.all()}
