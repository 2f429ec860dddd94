from __future__ import annotations

from datetime import date, datetime

import asyncpg

from ..hl7.parser import AdtMessage


class AdtEventRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def record(self, message: AdtMessage, patient_id: int | None) -> bool:
        """Store the message; False when this control id was already processed."""
        async with self._pool.acquire(timeout=5) as conn:
            inserted = await conn.fetchval(
                """
                INSERT INTO adt_events (message_control_id, event_type, patient_id, ward_code, bed_label, event_time, raw)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (message_control_id) DO NOTHING
                RETURNING id
                """,
                message.control_id, message.event_type, patient_id, message.ward_code,
                message.bed_label, message.event_time, message.raw,
            )
        return inserted is not None

    async def events_between(self, start: datetime, end: datetime, after_id: int = 0, limit: int = 500) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, event_type, ward_code, bed_label, event_time FROM adt_events "
                "WHERE event_time >= $1 AND event_time < $2 AND id > $3 ORDER BY id LIMIT $4",
                start, end, after_id, limit,
            )

    async def events_on(self, day: date) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, event_type, ward_code, bed_label, event_time FROM adt_events "
                "WHERE date_trunc('day', event_time AT TIME ZONE 'UTC') = $1::date ORDER BY event_time",
                day,
            )
