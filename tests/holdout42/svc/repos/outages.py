from __future__ import annotations

import datetime as dt
import secrets

import asyncpg

from svc.config import settings

class OutagesRepo:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create(self, postcode: str, severity: str, description: str, reported_by: int | None) -> asyncpg.Record:
        reference = "OUT-" + secrets.token_hex(4).upper()
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            return await conn.fetchrow(
                "INSERT INTO outages (reference, postcode, severity, description, reported_by) "
                "VALUES ($1, $2, $3, $4, $5) RETURNING *",
                reference,
                postcode,
                severity,
                description,
                reported_by,
            )

    async def open_for_postcode(self, postcode: str) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT * FROM outages WHERE postcode = $1 AND resolved_at IS NULL ORDER BY started_at DESC",
                postcode,
            )

    async def recent(self, since: dt.datetime, limit: int = 200) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT * FROM outages WHERE started_at >= $1 ORDER BY started_at DESC LIMIT $2",
                since,
                limit,
            )

    async def resolve(self, reference: str) -> bool:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            status = await conn.execute(
                "UPDATE outages SET resolved_at = now() WHERE reference = $1 AND resolved_at IS NULL",
                reference,
            )
        return status.endswith(" 1")
