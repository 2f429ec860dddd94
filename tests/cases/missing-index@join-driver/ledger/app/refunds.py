"""Refund reads through the ORM, with the tests written below `.where(`."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Refund


async def refunds_for_order(session: AsyncSession, order_ref: str, since: datetime) -> int:
    stmt = select(func.count()).select_from(Refund).where(
        Refund.order_ref == order_ref, Refund.created_at >= since  # expect: missing-index
    )
    return int(await session.scalar(stmt) or 0)


async def merchant_refunds(session: AsyncSession, merchant_id: int, since: datetime) -> list[Refund]:
    stmt = select(Refund).where(
        Refund.merchant_id == merchant_id, Refund.created_at >= since
    ).limit(100)
    return list(await session.scalars(stmt))
