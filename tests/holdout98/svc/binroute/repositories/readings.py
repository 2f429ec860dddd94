from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import asyncpg
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import FillReading


class ReadingWriter:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self.pool = pool
        self.acquire_timeout = acquire_timeout

    async def insert_many(self, rows: Sequence[tuple[str, int, int, float | None, datetime]]) -> None:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            await conn.executemany(
                "INSERT INTO fill_readings (bin_id, fill_pct, battery_mv, temperature_c, recorded_at) "
                "VALUES ($1, $2, $3, $4, $5)",
                rows,
            )

    async def latest_for_bins(self, bin_ids: list[str]) -> dict[str, asyncpg.Record]:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT DISTINCT ON (bin_id) bin_id, fill_pct, battery_mv, recorded_at "
                "FROM fill_readings WHERE bin_id = ANY($1::text[]) "
                "ORDER BY bin_id, recorded_at DESC",
                bin_ids,
            )
        return {r["bin_id"]: r for r in rows}

    async def over_threshold(self, threshold: int, since: datetime) -> list[asyncpg.Record]:
        conn = await self.pool.acquire(timeout=self.acquire_timeout)
        rows = await conn.fetch(
            "SELECT DISTINCT ON (r.bin_id) r.bin_id, r.fill_pct, b.depot_id, b.address, b.dev_eui "
            "FROM fill_readings r JOIN bins b ON b.id = r.bin_id "
            "WHERE r.recorded_at >= $2 AND r.fill_pct >= $1 ORDER BY r.bin_id, r.recorded_at DESC",
            threshold, since,
        )
        await self.pool.release(conn)
        return rows


class ReadingQueries:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_day(self, bin_id: str, day: date) -> Sequence[FillReading]:
        stmt = (
            select(FillReading)
            .where(FillReading.bin_id == bin_id, func.date(FillReading.recorded_at) == day)
            .order_by(FillReading.recorded_at)
        )
        return (await self.session.scalars(stmt)).all()

    async def history(self, bin_id: str, since: datetime, limit: int = 500) -> Sequence[FillReading]:
        stmt = (
            select(FillReading)
            .where(FillReading.bin_id == bin_id, FillReading.recorded_at >= since)
            .order_by(FillReading.recorded_at.desc())
            .limit(limit)
        )
        return (await self.session.scalars(stmt)).all()
