"""Raw readings (asyncpg). The table is large: every query here must hit
``ux_readings_device_ts_metric`` (device_id, ts, metric) or the BRIN index on ts."""
from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from svc.db import BaseRepository

_INSERT_SQL = """
INSERT INTO readings (device_id, ts, metric, value, quality)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (device_id, ts, metric) DO NOTHING
"""

_WINDOW_SQL = """
SELECT ts, value FROM readings
WHERE device_id = $1 AND ts >= $2 AND ts < $3 AND metric = $4
ORDER BY ts
LIMIT $5
"""

_WINDOW_PAGE_SQL = """
SELECT ts, metric, value, quality FROM readings
WHERE device_id = $1 AND (ts, metric) > ($2, $3) AND ts < $4
ORDER BY ts, metric
LIMIT $5
"""


@dataclass(frozen=True, slots=True)
class ReadingRecord:
    device_id: uuid.UUID
    ts: datetime
    metric: str
    value: float
    quality: int = 0

    def as_row(self) -> tuple[uuid.UUID, datetime, str, float, int]:
        return (self.device_id, self.ts, self.metric, self.value, self.quality)


class ReadingsRepository(BaseRepository):
    async def insert_many(self, records: Sequence[ReadingRecord]) -> None:
        async with self._db.connection() as conn:
            await conn.executemany(_INSERT_SQL, [record.as_row() for record in records])

    async def latest_for_device(self, device_id: uuid.UUID) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(
                "SELECT metric, value, ts FROM readings WHERE device_id = $1 ORDER BY ts DESC LIMIT 1",
                device_id,
            )

    async def latest_for_devices(self, device_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, asyncpg.Record]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                """
                SELECT DISTINCT ON (device_id) device_id, metric, value, ts
                FROM readings
                WHERE device_id = ANY($1::uuid[]) AND ts > now() - interval '1 day'
                ORDER BY device_id, ts DESC
                """,
                list(device_ids),
            )
        return {row["device_id"]: row for row in rows}

    async def window(
        self, device_id: uuid.UUID, metric: str, start: datetime, end: datetime, *, limit: int = 5000
    ) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(_WINDOW_SQL, device_id, start, end, metric, limit)

    async def page_offset(self, device_id: uuid.UUID, page: int, size: int) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                """
                SELECT ts, metric, value, quality FROM readings
                WHERE device_id = $1
                ORDER BY ts DESC, metric DESC
                LIMIT $2 OFFSET $3
                """,
                device_id,
                size,
                (page - 1) * size,
            )

    async def page_before(
        self, device_id: uuid.UUID, before_ts: datetime, before_metric: str, limit: int
    ) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                """
                SELECT ts, metric, value, quality FROM readings
                WHERE device_id = $1 AND (ts, metric) < ($2, $3)
                ORDER BY ts DESC, metric DESC
                LIMIT $4
                """,
                device_id,
                before_ts,
                before_metric,
                limit,
            )

    async def export_rows(self, device_id: uuid.UUID) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch("SELECT * FROM readings WHERE device_id = $1 ORDER BY ts", device_id)

    async def iter_window(
        self, device_id: uuid.UUID, start: datetime, end: datetime, *, batch_size: int = 2000
    ) -> AsyncIterator[asyncpg.Record]:
        """Yield readings in [start, end) page by page without holding a connection between pages."""
        cursor_ts, cursor_metric = start, ""
        while True:
            async with self._db.connection() as conn:
                rows = await conn.fetch(_WINDOW_PAGE_SQL, device_id, cursor_ts, cursor_metric, end, batch_size)
            for row in rows:
                yield row
            if len(rows) < batch_size:
                return
            cursor_ts, cursor_metric = rows[-1]["ts"], rows[-1]["metric"]
