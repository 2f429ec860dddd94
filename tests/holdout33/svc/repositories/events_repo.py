"""Packing-station scan events and the transactional outbox."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import OutboxEvent, ScanEvent


async def add_events(session: AsyncSession, events: list[dict[str, Any]]) -> None:
    if events:
        await session.execute(insert(ScanEvent), events)


async def events_for_session(session: AsyncSession, session_id: str) -> list[ScanEvent]:
    stmt = select(ScanEvent).where(ScanEvent.session_id == session_id).order_by(ScanEvent.scanned_at)
    return list((await session.execute(stmt)).scalars())


async def recent_for_station(session: AsyncSession, station_id: str, limit: int = 200) -> list[ScanEvent]:
    stmt = (
        select(ScanEvent)
        .where(ScanEvent.station_id == station_id)
        .order_by(ScanEvent.scanned_at.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def enqueue(session: AsyncSession, topic: str, payload: dict[str, Any]) -> None:
    session.add(OutboxEvent(topic=topic, payload=payload))


async def pending(session: AsyncSession, topic: str, limit: int) -> list[OutboxEvent]:
    stmt = (
        select(OutboxEvent)
        .where(OutboxEvent.topic == topic, OutboxEvent.dispatched_at.is_(None))
        .order_by(OutboxEvent.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.execute(stmt)).scalars())


async def mark_dispatched(session: AsyncSession, event_ids: list[int]) -> None:
    if event_ids:
        await session.execute(
            update(OutboxEvent).where(OutboxEvent.id.in_(event_ids)).values(dispatched_at=func.now())
        )
