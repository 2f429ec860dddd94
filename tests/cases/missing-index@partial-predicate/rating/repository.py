"""Usage queries."""
from datetime import datetime

import asyncpg


async def unrated_since(pool: asyncpg.Pool, since: datetime) -> list[asyncpg.Record]:
    # the partial index holds exactly these rows
    return await pool.fetch(
        "SELECT id, subscriber_id FROM usage_records WHERE rated = false AND started_at >= $1 LIMIT 500", since
    )


async def usage_for_partner(pool: asyncpg.Pool, partner: str, start: datetime, end: datetime) -> list[asyncpg.Record]:
    # the partial index on started_at holds only unrated rows: it cannot serve this range
    return await pool.fetch(
        "SELECT id, started_at FROM usage_records WHERE partner = $1 AND started_at >= $2 AND started_at < $3",  # expect: missing-index
        partner, start, end,
    )
