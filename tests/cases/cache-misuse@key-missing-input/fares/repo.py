from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


async def fare_for(session: AsyncSession, route_id: int, day: date) -> dict[str, Any]:
    row = (await session.execute(text("SELECT base_cents FROM fares WHERE route_id = :r AND day = :d"),
                                 {"r": route_id, "d": day})).one()
    return {"route_id": route_id, "base_cents": row.base_cents}


async def zones_of(session: AsyncSession, route_id: int) -> list[int]:
    rows = await session.execute(text("SELECT zone FROM route_zones WHERE route_id = :r"), {"r": route_id})
    return [r.zone for r in rows]



async def timetable_of(session: AsyncSession, route_id: int, skip_cache: bool = False) -> list[str]:
    """`skip_cache` asks the read replica's result cache for a fresh answer."""
    options = {"r": route_id, "fresh": skip_cache}
    rows = await session.execute(text("SELECT departs FROM timetable WHERE route_id = :r AND :fresh IS NOT NULL"),
                                 options)
    return [str(r.departs) for r in rows]


async def download(bucket: str, path: str) -> bytes:
    return f"{bucket}/{path}".encode()
