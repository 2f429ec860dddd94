from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import asyncpg


@dataclass
class CdrRow:
    cdr_id: str
    msisdn: str
    record_type: str
    started_at: datetime
    duration_s: int = 0
    volume_kb: int = 0
    destination: str | None = None
    partner_plmn: str | None = None
    subscriber_id: int | None = None
    amount_cents: int = 0


class UsageRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_batch(self, rows: Iterable[CdrRow]) -> int:
        records = [
            (r.cdr_id, r.subscriber_id, r.msisdn, r.record_type, r.started_at, r.duration_s,
             r.volume_kb, r.destination, r.partner_plmn)
            for r in rows
        ]
        async with self._pool.acquire() as conn:
            async with conn.transaction():
                await conn.executemany(
                    "INSERT INTO usage_records (cdr_id, subscriber_id, msisdn, record_type, started_at, duration_s, "
                    "volume_kb, destination, partner_plmn) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                    "ON CONFLICT (cdr_id) DO NOTHING",
                    records,
                )
        return len(records)

    async def mark_rated(self, cdr_id: str, amount_cents: int) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "UPDATE usage_records SET rated = true, amount_cents = $2 WHERE cdr_id = $1", cdr_id, amount_cents
            )

    async def mark_rated_many(self, rated: list[tuple[str, int]]) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "UPDATE usage_records u SET rated = true, amount_cents = v.amount "
                "FROM unnest($1::text[], $2::int[]) AS v(cdr_id, amount) WHERE u.cdr_id = v.cdr_id",
                [cdr for cdr, _ in rated], [amount for _, amount in rated],
            )

    async def unrated(self, limit: int = 1000) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT * FROM usage_records WHERE rated = false ORDER BY started_at LIMIT $1", limit
            )

    async def history(self, subscriber_id: int, before: datetime, limit: int = 100) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT cdr_id, record_type, started_at, duration_s, volume_kb, amount_cents FROM usage_records "
                "WHERE subscriber_id = $1 AND started_at < $2 ORDER BY started_at DESC LIMIT $3",
                subscriber_id, before, limit,
            )

    async def sum_for_period(self, subscriber_id: int, period: str) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            total = await conn.fetchval(
                "SELECT coalesce(sum(amount_cents), 0) FROM usage_records "
                "WHERE subscriber_id = $1 AND to_char(started_at, 'YYYY-MM') = $2",
                subscriber_id, period,
            )
        return int(total)

    async def data_used_kb(self, subscriber_id: int, start: datetime, end: datetime) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            used = await conn.fetchval(
                "SELECT coalesce(sum(volume_kb), 0) FROM usage_records "
                "WHERE subscriber_id = $1 AND started_at >= $2 AND started_at < $3 AND record_type = 'data'",
                subscriber_id, start, end,
            )
        return int(used)

    async def data_used_many(self, subscriber_ids: list[int], start: datetime, end: datetime) -> dict[int, int]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT subscriber_id, sum(volume_kb) AS used FROM usage_records "
                "WHERE subscriber_id = ANY($1::bigint[]) AND started_at >= $2 AND started_at < $3 "
                "AND record_type = 'data' GROUP BY subscriber_id",
                subscriber_ids, start, end,
            )
        return {row["subscriber_id"]: int(row["used"]) for row in rows}

    async def totals_by_type(self, subscriber_id: int, start: datetime, end: datetime) -> dict[str, int]:
        totals: dict[str, int] = {}
        async with self._pool.acquire(timeout=5) as conn:
            for record_type in ("voice", "sms", "data"):
                totals[record_type] = int(await conn.fetchval(
                    "SELECT coalesce(sum(amount_cents), 0) FROM usage_records WHERE subscriber_id = $1 "
                    "AND record_type = $2 AND started_at >= $3 AND started_at < $4",
                    subscriber_id, record_type, start, end,
                ))
        return totals
