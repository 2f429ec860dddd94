from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
import datetime as dt
from decimal import Decimal

import asyncpg

from svc.config import settings

@dataclass(frozen=True, slots=True)
class ReadingRow:
    meter_id: int
    read_at: dt.datetime
    kwh: Decimal
    source: str


class ReadingsRepo:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get_reading(self, meter_id: int, read_at: dt.datetime) -> ReadingRow | None:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            row = await conn.fetchrow(
                "SELECT meter_id, read_at, kwh, source FROM readings WHERE meter_id = $1 AND read_at = $2",
                meter_id,
                read_at,
            )
        return ReadingRow(**row) if row else None

    async def insert(self, meter_id: int, read_at: dt.datetime, kwh: Decimal, source: str, gateway_id: str | None) -> None:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            await conn.execute(
                "INSERT INTO readings (meter_id, read_at, kwh, source, gateway_id) VALUES ($1, $2, $3, $4, $5)",
                meter_id,
                read_at,
                kwh,
                source,
                gateway_id,
            )

    async def insert_many(self, rows: Sequence[tuple[int, dt.datetime, Decimal, str, str | None]]) -> None:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            async with conn.transaction():
                await conn.executemany(
                    "INSERT INTO readings (meter_id, read_at, kwh, source, gateway_id) VALUES ($1, $2, $3, $4, $5)",
                    rows,
                )

    async def touch_meter(self, meter_id: int, read_at: dt.datetime) -> None:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            await conn.execute(
                "UPDATE meters SET last_read_at = GREATEST(COALESCE(last_read_at, $2), $2) WHERE id = $1",
                meter_id,
                read_at,
            )

    async def for_meter_period(self, meter_id: int, start: dt.date, end: dt.date) -> list[ReadingRow]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT meter_id, read_at, kwh, source FROM readings "
                "WHERE meter_id = $1 AND read_at >= $2 AND read_at < $3 ORDER BY read_at",
                meter_id,
                start,
                end,
            )
        return [ReadingRow(**r) for r in rows]

    async def for_meters_period(self, meter_ids: Sequence[int], start: dt.date, end: dt.date) -> list[ReadingRow]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT meter_id, read_at, kwh, source FROM readings "
                "WHERE meter_id = ANY($1::bigint[]) AND read_at >= $2 AND read_at < $3 ORDER BY meter_id, read_at",
                list(meter_ids),
                start,
                end,
            )
        return [ReadingRow(**r) for r in rows]

    async def latest_for_meter(self, meter_id: int, limit: int = 96) -> list[ReadingRow]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT meter_id, read_at, kwh, source FROM readings WHERE meter_id = $1 "
                "ORDER BY read_at DESC LIMIT $2",
                meter_id,
                limit,
            )
        return [ReadingRow(**r) for r in rows]

    async def meters_read_on(self, day: dt.date) -> set[int]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT DISTINCT meter_id FROM readings WHERE read_at::date = $1 AND source = 'actual'",
                day,
            )
        return {r["meter_id"] for r in rows}

    async def page_after(self, after_id: int, limit: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT id, meter_id, read_at, kwh, source FROM readings WHERE id > $1 ORDER BY id LIMIT $2",
                after_id,
                limit,
            )

    async def page_by_offset(self, start: dt.date, end: dt.date, offset: int, limit: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT r.id, m.serial, r.read_at, r.kwh, r.source FROM readings r "
                "JOIN meters m ON m.id = r.meter_id WHERE r.read_at >= $1 AND r.read_at < $2 "
                "ORDER BY r.read_at OFFSET $3 LIMIT $4",
                start,
                end,
                offset,
                limit,
            )
