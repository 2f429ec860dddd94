from __future__ import annotations

from datetime import datetime

import asyncpg

from ..db.session import ACQUIRE_TIMEOUT

_VISITOR_COLUMNS = (
    "id, site_id, full_name, email, phone, company, host_id, host_email, "
    "expected_at, checked_in_at, badge_seq, photo_key, nda_signed"
)


class VisitorRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, visitor_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetchrow(f"SELECT {_VISITOR_COLUMNS} FROM visitors WHERE id = $1", visitor_id)

    async def find_by_email(self, email: str) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetch(
                f"SELECT {_VISITOR_COLUMNS} FROM visitors WHERE lower(email) = lower($1) ORDER BY expected_at DESC",
                email,
            )

    async def search(self, site_id: int, term: str) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetch(
                f"SELECT {_VISITOR_COLUMNS} FROM visitors "
                "WHERE site_id = $1 AND (full_name ILIKE '%' || $2 || '%' OR company ILIKE '%' || $2 || '%') "
                "ORDER BY expected_at DESC",
                site_id,
                term,
            )

    async def expected_between(
        self, site_id: int, start: datetime, end: datetime, after_id: int = 0, limit: int = 200
    ) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetch(
                f"SELECT {_VISITOR_COLUMNS} FROM visitors "
                "WHERE site_id = $1 AND expected_at >= $2 AND expected_at < $3 AND id > $4 "
                "ORDER BY expected_at, id LIMIT $5",
                site_id,
                start,
                end,
                after_id,
                limit,
            )

    async def for_host(self, host_id: int, since: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetch(
                f"SELECT {_VISITOR_COLUMNS} FROM visitors WHERE host_id = $1 AND expected_at >= $2 ORDER BY expected_at",
                host_id,
                since,
            )

    async def create(self, **fields: object) -> asyncpg.Record:
        columns = ", ".join(fields)
        params = ", ".join(f"${i}" for i in range(1, len(fields) + 1))
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetchrow(
                f"INSERT INTO visitors ({columns}) VALUES ({params}) RETURNING {_VISITOR_COLUMNS}",
                *fields.values(),
            )

    async def max_badge_seq(self, site_id: int) -> int:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            value = await conn.fetchval("SELECT max(badge_seq) FROM visitors WHERE site_id = $1", site_id)
            return int(value or 0)

    async def mark_checked_in(self, visitor_id: int, at: datetime, badge_seq: int, photo_key: str | None) -> None:
        conn = await self._pool.acquire(timeout=ACQUIRE_TIMEOUT)
        await conn.execute(
            "UPDATE visitors SET checked_in_at = $2, badge_seq = $3, photo_key = $4 WHERE id = $1",
            visitor_id,
            at,
            badge_seq,
            photo_key,
        )
        await self._pool.release(conn)

    async def claim_check_in(self, visitor_id: int, at: datetime) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetchrow(
                "UPDATE visitors SET checked_in_at = $2 WHERE id = $1 AND checked_in_at IS NULL "
                f"RETURNING {_VISITOR_COLUMNS}",
                visitor_id,
                at,
            )

    async def allocate_badge_seq(self, site_id: int) -> int:
        connection = await self._pool.acquire(timeout=ACQUIRE_TIMEOUT)
        try:
            return await connection.fetchval(
                "INSERT INTO visitor_badge_counters (site_id, last_seq) VALUES ($1, 1) "
                "ON CONFLICT (site_id) DO UPDATE SET last_seq = visitor_badge_counters.last_seq + 1 "
                "RETURNING last_seq",
                site_id,
            )
        finally:
            await self._pool.release(connection)
