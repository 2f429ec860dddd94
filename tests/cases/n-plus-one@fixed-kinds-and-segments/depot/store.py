"""Row access for bins and parcels."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Bin, Parcel


async def read_bin_by_name(session: AsyncSession, name: str) -> Optional[Bin]:
    result = await session.execute(select(Bin).where(Bin.name == name).limit(1))
    return result.scalar()


async def create_bin(session: AsyncSession, name: str) -> Bin:
    result = await session.execute(insert(Bin).values(name=name).returning(Bin))
    return result.scalar_one()


async def bin_for(session: AsyncSession, name: str, create: bool = False) -> Bin:
    found = await read_bin_by_name(session, name)
    if found is None:
        if not create:
            raise LookupError(name)
        found = await create_bin(session, name)
    return found


@dataclass
class Segment:
    rows: list[dict[str, Any]]


def segment_rows(rows: list[dict[str, Any]], max_rows: int) -> list[Segment]:
    """Splits rows so that one INSERT stays under the driver's bind-parameter limit."""
    return [Segment(rows[start:start + max_rows]) for start in range(0, len(rows), max_rows)]


async def insert_parcels(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    segments = segment_rows(rows, 32_000 // 2)
    # look-alike: each segment is one multi-row INSERT, the batching itself
    for segment in segments:
        await session.execute(insert(Parcel).values(segment.rows))
