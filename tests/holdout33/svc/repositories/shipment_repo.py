"""Shipment persistence."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Shipment

ACTIVE_STATUSES = ("labelled", "in_transit", "delivered")


async def active_for_order(session: AsyncSession, order_id: int) -> Shipment | None:
    stmt = select(Shipment).where(Shipment.order_id == order_id, Shipment.status.in_(ACTIVE_STATUSES))
    return (await session.execute(stmt)).scalars().first()


async def get_by_tracking(session: AsyncSession, tracking_number: str) -> Shipment | None:
    stmt = select(Shipment).where(Shipment.tracking_number == tracking_number)
    return (await session.execute(stmt)).scalar_one_or_none()


async def claim_failed_labels(session: AsyncSession, limit: int) -> list[Shipment]:
    stmt = (
        select(Shipment)
        .where(Shipment.status == "label_failed", Shipment.attempts < 5)
        .order_by(Shipment.created_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.execute(stmt)).scalars())


async def in_transit(session: AsyncSession, limit: int) -> list[Shipment]:
    stmt = (
        select(Shipment)
        .where(Shipment.status == "in_transit")
        .order_by(Shipment.created_at)
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def by_ids(session: AsyncSession, shipment_ids: list[int]) -> list[Shipment]:
    stmt = select(Shipment).where(Shipment.id.in_(shipment_ids))
    return list((await session.execute(stmt)).scalars())
