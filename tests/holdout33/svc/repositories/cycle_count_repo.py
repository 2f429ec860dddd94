"""Cycle count persistence."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Bin, CycleCount


async def get_for_update(session: AsyncSession, count_id: int) -> CycleCount | None:
    return await session.get(CycleCount, count_id, with_for_update=True)


async def recent_counts(session: AsyncSession, warehouse_id: int, days: int) -> list[CycleCount]:
    since = datetime.now(timezone.utc) - timedelta(days=days)
    stmt = (
        select(CycleCount)
        .join(Bin, Bin.id == CycleCount.bin_id)
        .where(Bin.warehouse_id == warehouse_id, CycleCount.counted_at >= since)
    )
    return list((await session.execute(stmt)).scalars())


async def insert_counts(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    if rows:
        await session.execute(insert(CycleCount), rows)
