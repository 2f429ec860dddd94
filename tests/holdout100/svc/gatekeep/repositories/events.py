from __future__ import annotations

import json
from datetime import date, datetime

import asyncpg

from ..db.session import ACQUIRE_TIMEOUT


_INSERT = (
    "INSERT INTO access_events "
    "(controller_serial, controller_seq, door_id, credential_id, badge_number, kind, direction, occurred_at, payload) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb) "
    "ON CONFLICT (controller_serial, controller_seq) DO NOTHING"
)

ALARM_KINDS = ("forced", "held_open", "tamper")


class EventRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_many(self, rows: list[dict]) -> None:
        args = [
            (
                r["serial"],
                r["seq"],
                r["door_id"],
                r.get("credential_id"),
                r.get("badge"),
                r["kind"],
                r.get("direction", "in"),
                r["occurred_at"],
                json.dumps(r.get("extra", {})),
            )
            for r in rows
        ]
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            async with conn.transaction():
                await conn.executemany(_INSERT, args)

    async def last_event_for(self, credential_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetchrow(
                "SELECT door_id, kind, occurred_at FROM access_events WHERE credential_id = $1 "
                "ORDER BY occurred_at DESC LIMIT 1",
                credential_id,
            )

    async def for_door(self, door_id: int, since: datetime, limit: int = 500) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetch(
                "SELECT id, kind, badge_number, direction, occurred_at FROM access_events "
                "WHERE door_id = $1 AND occurred_at >= $2 ORDER BY occurred_at DESC LIMIT $3",
                door_id,
                since,
                limit,
            )

    async def on_day(self, day: date) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetch(
                "SELECT credential_id, badge_number, door_id, kind, occurred_at FROM access_events "
                "WHERE occurred_at::date = $1 ORDER BY occurred_at",
                day,
            )

    async def between(self, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetch(
                "SELECT credential_id, badge_number, door_id, kind, occurred_at FROM access_events "
                "WHERE occurred_at >= $1 AND occurred_at < $2 ORDER BY occurred_at",
                start,
                end,
            )

    async def alarm_counts(self, since: datetime) -> dict[str, int]:
        counts: dict[str, int] = {}
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            for kind in ALARM_KINDS:
                counts[kind] = await conn.fetchval(
                    "SELECT count(*) FROM access_events WHERE kind = $1 AND occurred_at >= $2", kind, since
                )
        return counts

    async def last_events_for(self, credential_ids: list[int]) -> dict[int, asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            rows = await conn.fetch(
                "SELECT DISTINCT ON (credential_id) credential_id, door_id, kind, occurred_at "
                "FROM access_events WHERE credential_id = ANY($1::bigint[]) "
                "ORDER BY credential_id, occurred_at DESC",
                credential_ids,
            )
        return {r["credential_id"]: r for r in rows}


class ReportRunRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def claim(self, kind: str, period: str) -> int | None:
        """Returns a run id if this process won the period, None if another replica already has it."""
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetchval(
                "INSERT INTO report_runs (kind, period) VALUES ($1, $2) "
                "ON CONFLICT ON CONSTRAINT uq_report_runs_kind_period DO NOTHING RETURNING id",
                kind,
                period,
            )

    async def finish(self, run_id: int, status: str) -> None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            await conn.execute("UPDATE report_runs SET status = $2 WHERE id = $1", run_id, status)
