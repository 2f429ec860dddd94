from __future__ import annotations

from datetime import datetime

import asyncpg

from ..db.pg import PgDatabase
from ..errors import NotFound

_QUERY_COLUMNS = "id, study_id, site_id, submission_id, field_code, text, status, raised_by, raised_at, reply_count"


class QueryRepository:
    """Data queries raised by monitors against submitted form fields."""

    def __init__(self, db: PgDatabase) -> None:
        self._db = db

    async def get(self, query_id: int) -> asyncpg.Record:
        row = await self._db.fetchrow(f"SELECT {_QUERY_COLUMNS} FROM data_queries WHERE id = $1", query_id)
        if row is None:
            raise NotFound(f"query {query_id}")
        return row

    async def open_for_site(self, site_id: int) -> list[asyncpg.Record]:
        return await self._db.fetch(
            f"SELECT {_QUERY_COLUMNS} FROM data_queries WHERE site_id = $1 AND status = 'open' ORDER BY raised_at",
            site_id,
        )

    async def raise_query(self, study_id: int, site_id: int, submission_id: int, field_code: str,
                          text: str, raised_by: str, at: datetime) -> int:
        return await self._db.fetchval(
            """
            INSERT INTO data_queries (study_id, site_id, submission_id, field_code, text, status, raised_by, raised_at)
            VALUES ($1, $2, $3, $4, $5, 'open', $6, $7)
            RETURNING id
            """,
            study_id, site_id, submission_id, field_code, text, raised_by, at,
        )

    async def add_reply(self, query_id: int, author: str, body: str, at: datetime) -> int:
        return await self._db.fetchval(
            "INSERT INTO query_replies (query_id, author, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            query_id, author, body, at,
        )

    async def set_reply_count(self, query_id: int, count: int) -> None:
        await self._db.execute("UPDATE data_queries SET reply_count = $2 WHERE id = $1", query_id, count)

    async def close(self, query_id: int, at: datetime) -> bool:
        closed = await self._db.fetchval(
            "UPDATE data_queries SET status = 'closed', closed_at = $2 WHERE id = $1 AND status = 'open' RETURNING id",
            query_id, at,
        )
        return closed is not None

    async def replies(self, query_id: int) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT id, author, body, created_at FROM query_replies WHERE query_id = $1 ORDER BY created_at",
            query_id,
        )

    async def count_open_by_status(self, site_id: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        for status in ("open", "answered", "closed"):
            counts[status] = await self._db.fetchval(
                "SELECT count(*) FROM data_queries WHERE site_id = $1 AND status = $2", site_id, status
            )
        return counts

    async def open_for_study(self, study_id: int) -> list[asyncpg.Record]:
        return await self._db.fetch(
            f"SELECT {_QUERY_COLUMNS} FROM data_queries WHERE study_id = $1 AND status = 'open'", study_id
        )

    async def raise_many(self, rows: list[tuple[int, int, int, str, str, str, datetime]]) -> None:
        if not rows:
            return
        async with self._db.connection() as conn:
            await conn.executemany(
                """
                INSERT INTO data_queries (study_id, site_id, submission_id, field_code, text, status, raised_by, raised_at)
                VALUES ($1, $2, $3, $4, $5, 'open', $6, $7)
                """,
                rows,
            )
