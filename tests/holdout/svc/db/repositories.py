from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import (
    ApiKey,
    Carrier,
    OutboxMessage,
    Shipment,
    TrackingEvent,
    WebhookSubscription,
)

OPEN_STATUSES = ("created", "picked_up", "in_transit", "out_for_delivery", "exception")


class ShipmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, shipment_id: int) -> Shipment | None:
        return await self._session.get(Shipment, shipment_id)

    async def get_by_tracking_number(self, tracking_number: str) -> Shipment | None:
        stmt = select(Shipment).where(Shipment.tracking_number == tracking_number)
        result = await self._session.execute(stmt)
        return result.scalar_one_or_none()

    async def get_by_tracking_number_with_details(self, tracking_number: str) -> Shipment | None:
        stmt = (
            select(Shipment)
            .options(selectinload(Shipment.carrier), selectinload(Shipment.parcels))
            .filter_by(tracking_number=tracking_number)
        )
        result = await self._session.execute(stmt)
        return result.scalar_one_or_none()

    async def get_many_by_tracking_numbers(self, numbers: Collection[str]) -> dict[str, Shipment]:
        if not numbers:
            return {}
        stmt = select(Shipment).where(Shipment.tracking_number.in_(list(numbers)))
        result = await self._session.execute(stmt)
        return {s.tracking_number: s for s in result.scalars()}

    async def get_many(self, ids: Collection[int]) -> list[Shipment]:
        stmt = select(Shipment).where(Shipment.id.in_(list(ids))).order_by(Shipment.id)
        return list((await self._session.execute(stmt)).scalars())

    async def find_by_reference(self, reference: str) -> list[Shipment]:
        stmt = (
            select(Shipment)
            .where(Shipment.reference == reference)
            .order_by(Shipment.created_at.desc())
            .limit(50)
        )
        result = await self._session.execute(stmt)
        return list(result.scalars())

    async def list_page(self, page: int, page_size: int, status: str | None = None) -> list[Shipment]:
        stmt = select(Shipment).order_by(Shipment.created_at.desc())
        if status:
            stmt = stmt.where(Shipment.status == status)
        stmt = stmt.offset((page - 1) * page_size).limit(page_size)
        result = await self._session.execute(stmt)
        return list(result.scalars())

    async def list_after(self, after_id: int, limit: int) -> list[Shipment]:
        stmt = select(Shipment).where(Shipment.id > after_id).order_by(Shipment.id).limit(limit)
        result = await self._session.execute(stmt)
        return list(result.scalars())

    async def search_by_tracking_prefix(self, prefix: str, limit: int = 20) -> list[Shipment]:
        stmt = (
            select(Shipment)
            .where(Shipment.tracking_number.startswith(prefix, autoescape=True))
            .order_by(Shipment.tracking_number)
            .limit(limit)
        )
        result = await self._session.execute(stmt)
        return list(result.scalars())

    async def count_by_status(self, status: str) -> int:
        stmt = select(func.count()).select_from(Shipment).where(Shipment.status == status)
        return (await self._session.execute(stmt)).scalar_one()

    async def list_open(self, limit: int | None = 500) -> list[Shipment]:
        stmt = (
            select(Shipment)
            .options(selectinload(Shipment.carrier))
            .where(Shipment.status.in_(OPEN_STATUSES))
            .order_by(Shipment.id)
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        result = await self._session.execute(stmt)
        return list(result.scalars())

    def add(self, shipment: Shipment) -> None:
        self._session.add(shipment)

    async def mark_delivered(self, shipment_id: int, delivered_at: datetime) -> None:
        stmt = (
            update(Shipment)
            .where(Shipment.id == shipment_id)
            .values(status="delivered", delivered_at=delivered_at)
        )
        await self._session.execute(stmt)


class CarrierRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, carrier_id: int) -> Carrier | None:
        return await self._session.get(Carrier, carrier_id)

    async def get_by_code(self, code: str) -> Carrier | None:
        stmt = select(Carrier).where(Carrier.code == code)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def list_all(self) -> list[Carrier]:
        stmt = select(Carrier).order_by(Carrier.name)
        return list((await self._session.execute(stmt)).scalars())

    async def search(self, q: str, limit: int = 25) -> list[Carrier]:
        stmt = (
            select(Carrier)
            .where(Carrier.name.ilike("%" + q + "%"))
            .order_by(Carrier.name)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    def add(self, carrier: Carrier) -> None:
        self._session.add(carrier)


class TrackingEventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def latest_for_shipment(self, shipment_id: int) -> TrackingEvent | None:
        stmt = (
            select(TrackingEvent)
            .where(TrackingEvent.shipment_id == shipment_id)
            .order_by(TrackingEvent.occurred_at.desc())
            .limit(1)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def latest_for_shipments(self, shipment_ids: Sequence[int]) -> dict[int, TrackingEvent]:
        if not shipment_ids:
            return {}
        stmt = (
            select(TrackingEvent)
            .where(TrackingEvent.shipment_id.in_(shipment_ids))
            .order_by(TrackingEvent.shipment_id, TrackingEvent.occurred_at.desc())
            .distinct(TrackingEvent.shipment_id)
        )
        result = await self._session.execute(stmt)
        return {event.shipment_id: event for event in result.scalars()}

    async def find_by_external_id(self, shipment_id: int, external_id: str) -> TrackingEvent | None:
        stmt = select(TrackingEvent).where(
            TrackingEvent.shipment_id == shipment_id,
            TrackingEvent.external_id == external_id,
        )
        return (await self._session.execute(stmt)).scalars().first()

    async def existing_external_ids(
        self, shipment_ids: Collection[int], external_ids: Collection[str]
    ) -> set[tuple[int, str]]:
        if not shipment_ids or not external_ids:
            return set()
        stmt = select(TrackingEvent.shipment_id, TrackingEvent.external_id).where(
            TrackingEvent.shipment_id.in_(list(shipment_ids)),
            TrackingEvent.external_id.in_(list(external_ids)),
        )
        result = await self._session.execute(stmt)
        return {(row.shipment_id, row.external_id) for row in result}

    async def timeline(self, shipment_id: int, limit: int = 200) -> list[TrackingEvent]:
        stmt = (
            select(TrackingEvent)
            .where(TrackingEvent.shipment_id == shipment_id)
            .order_by(TrackingEvent.occurred_at)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def newer_than(self, cursor: int, limit: int = 500) -> list[tuple[TrackingEvent, str]]:
        stmt = (
            select(TrackingEvent, Shipment.tracking_number)
            .join(Shipment, Shipment.id == TrackingEvent.shipment_id)
            .where(TrackingEvent.id > cursor)
            .order_by(TrackingEvent.id)
            .limit(limit)
        )
        result = await self._session.execute(stmt)
        return [(row[0], row[1]) for row in result]

    async def max_id(self) -> int:
        stmt = select(func.coalesce(func.max(TrackingEvent.id), 0))
        return (await self._session.execute(stmt)).scalar_one()

    def stage(self, event: TrackingEvent) -> None:
        self._session.add(event)


class ApiKeyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find_by_prefix(self, prefix: str) -> list[ApiKey]:
        stmt = select(ApiKey).where(ApiKey.key_prefix == prefix)
        return list((await self._session.execute(stmt)).scalars())

    def add(self, key: ApiKey) -> None:
        self._session.add(key)


class OutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def enqueue(self, topic: str, customer_id: int, payload: dict[str, Any]) -> None:
        self._session.add(OutboxMessage(topic=topic, customer_id=customer_id, payload=payload))

    async def claim_batch(self, limit: int) -> list[OutboxMessage]:
        stmt = (
            select(OutboxMessage)
            .where(OutboxMessage.sent_at.is_(None), OutboxMessage.available_at <= func.now())
            .order_by(OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list((await self._session.execute(stmt)).scalars())

    @staticmethod
    def mark_sent(message: OutboxMessage) -> None:
        message.sent_at = datetime.now(timezone.utc)
        message.attempts += 1

    @staticmethod
    def reschedule(message: OutboxMessage, max_delay_s: int = 3600) -> None:
        message.attempts += 1
        delay = min(2 ** message.attempts * 5, max_delay_s)
        message.available_at = datetime.now(timezone.utc) + timedelta(seconds=delay)


class WebhookSubscriptionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_customers(self, customer_ids: Collection[int]) -> dict[int, list[WebhookSubscription]]:
        if not customer_ids:
            return {}
        stmt = select(WebhookSubscription).where(
            WebhookSubscription.customer_id.in_(list(customer_ids))
        )
        grouped: dict[int, list[WebhookSubscription]] = {}
        for sub in (await self._session.execute(stmt)).scalars():
            grouped.setdefault(sub.customer_id, []).append(sub)
        return grouped
