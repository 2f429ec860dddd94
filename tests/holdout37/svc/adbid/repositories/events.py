"""Raw SQL access to impressions, clicks, conversions and the bid log."""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime

import asyncpg

from adbid.db.pg import EventsDatabase

IMPRESSION_COLUMNS = (
    "impression_id",
    "request_id",
    "campaign_id",
    "creative_id",
    "exchange",
    "price_micros",
    "occurred_at",
)


class EventsRepository:
    def __init__(self, db: EventsDatabase) -> None:
        self._db = db

    async def insert_impression(self, row: dict) -> bool:
        async with self._db.pool.acquire(timeout=2) as conn:
            status = await conn.execute(
                """
                INSERT INTO impressions (impression_id, request_id, campaign_id, creative_id,
                                         exchange, price_micros, occurred_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (impression_id) DO NOTHING
                """,
                row["impression_id"], row["request_id"], row["campaign_id"], row["creative_id"],
                row["exchange"], row["price_micros"], row["occurred_at"],
            )
        return status.endswith(" 1")

    async def copy_impressions(self, rows: Sequence[tuple]) -> int:
        if not rows:
            return 0
        async with self._db.pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                await conn.execute(
                    "CREATE TEMP TABLE IF NOT EXISTS impressions_stage "
                    "(LIKE impressions INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
                )
                await conn.copy_records_to_table("impressions_stage", records=rows, columns=IMPRESSION_COLUMNS)
                result = await conn.execute(
                    "INSERT INTO impressions SELECT * FROM impressions_stage ON CONFLICT (impression_id) DO NOTHING"
                )
        return int(result.rsplit(" ", 1)[-1])

    async def impression_by_id(self, impression_id: uuid.UUID) -> asyncpg.Record | None:
        async with self._db.pool.acquire(timeout=2) as conn:
            return await conn.fetchrow(
                "SELECT * FROM impressions WHERE impression_id = $1", impression_id
            )

    async def click_exists_for_impression(self, impression_id: uuid.UUID) -> bool:
        async with self._db.pool.acquire(timeout=2) as conn:
            found = await conn.fetchval(
                "SELECT 1 FROM clicks WHERE impression_id = $1 LIMIT 1", impression_id
            )
        return found is not None

    async def insert_click(self, impression_id: uuid.UUID, campaign_id: int, ip: str | None,
                           user_agent: str | None, fraud_score: float) -> int:
        async with self._db.pool.acquire(timeout=2) as conn:
            return await conn.fetchval(
                """
                INSERT INTO clicks (impression_id, campaign_id, ip, user_agent, fraud_score)
                VALUES ($1, $2, $3, $4, $5) RETURNING id
                """,
                impression_id, campaign_id, ip, user_agent, fraud_score,
            )

    async def totals_for_campaign(self, campaign_id: int, start: datetime, end: datetime) -> dict:
        async with self._db.pool.acquire(timeout=2) as conn:
            row = await conn.fetchrow(
                """
                SELECT count(*) AS impressions, coalesce(sum(price_micros), 0) AS spend_micros
                FROM impressions
                WHERE campaign_id = $1 AND occurred_at >= $2 AND occurred_at < $3
                """,
                campaign_id, start, end,
            )
        return dict(row)

    async def totals_for_campaigns(self, campaign_ids: Iterable[int], start: datetime,
                                   end: datetime) -> dict[int, dict]:
        ids = list(campaign_ids)
        if not ids:
            return {}
        async with self._db.pool.acquire(timeout=2) as conn:
            rows = await conn.fetch(
                """
                SELECT campaign_id, count(*) AS impressions, coalesce(sum(price_micros), 0) AS spend_micros
                FROM impressions
                WHERE campaign_id = ANY($1::bigint[]) AND occurred_at >= $2 AND occurred_at < $3
                GROUP BY campaign_id
                """,
                ids, start, end,
            )
        return {r["campaign_id"]: dict(r) for r in rows}

    async def impressions_on_day(self, campaign_id: int, day: date) -> list[asyncpg.Record]:
        async with self._db.pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                """
                SELECT impression_id, creative_id, price_micros, occurred_at
                FROM impressions
                WHERE campaign_id = $1 AND date_trunc('day', occurred_at) = $2::date
                ORDER BY occurred_at
                """,
                campaign_id, day,
            )

    async def impressions_between(self, campaign_id: int, start: datetime,
                                  end: datetime) -> list[asyncpg.Record]:
        async with self._db.pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                """
                SELECT impression_id, creative_id, price_micros, occurred_at
                FROM impressions
                WHERE campaign_id = $1 AND occurred_at >= $2 AND occurred_at < $3
                ORDER BY occurred_at
                """,
                campaign_id, start, end,
            )

    async def clicks_between(self, campaign_id: int, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._db.pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, impression_id, occurred_at FROM clicks "
                "WHERE campaign_id = $1 AND occurred_at >= $2 AND occurred_at < $3",
                campaign_id, start, end,
            )

    async def log_bids(self, rows: Sequence[tuple]) -> None:
        async with self._db.pool.acquire(timeout=2) as conn:
            await conn.executemany(
                "INSERT INTO bid_log (request_id, exchange, campaign_id, bid_micros) "
                "VALUES ($1, $2, $3, $4) ON CONFLICT (request_id) DO NOTHING",
                rows,
            )

    async def mark_won(self, request_id: str) -> None:
        async with self._db.pool.acquire(timeout=2) as conn:
            await conn.execute("UPDATE bid_log SET won = true WHERE request_id = $1", request_id)
