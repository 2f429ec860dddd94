from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from seqcore.db.pg import ACQUIRE_TIMEOUT_S

RUN_COLUMNS = "id, run_number, instrument_id, flowcell_id, run_type, status, run_folder, created_at, completed_at"


class RunRepository:
    """Raw asyncpg access for runs: hot paths from the instrument callback and the watcher."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, run_id: uuid.UUID) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetchrow(f"SELECT {RUN_COLUMNS} FROM runs WHERE id = $1", run_id)

    async def find_by_flowcell(self, flowcell_id: str) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetchrow(
                f"SELECT {RUN_COLUMNS} FROM runs WHERE flowcell_id = $1 ORDER BY created_at DESC LIMIT 1",
                flowcell_id,
            )

    async def max_run_number(self, instrument_id: str) -> int:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            value = await conn.fetchval(
                "SELECT max(run_number) FROM runs WHERE instrument_id = $1", instrument_id
            )
        return int(value or 0)

    async def insert(self, instrument_id: str, flowcell_id: str, run_type: str, run_number: int) -> asyncpg.Record:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetchrow(
                f"""
                INSERT INTO runs (id, run_number, instrument_id, flowcell_id, run_type, status)
                VALUES ($1, $2, $3, $4, $5, 'registered')
                RETURNING {RUN_COLUMNS}
                """,
                uuid.uuid4(), run_number, instrument_id, flowcell_id, run_type,
            )

    async def set_status(self, run_id: uuid.UUID, status: str, *, run_folder: str | None = None,
                         completed_at: datetime | None = None) -> None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            await conn.execute(
                """
                UPDATE runs SET status = $2,
                       run_folder = COALESCE($3, run_folder),
                       completed_at = COALESCE($4, completed_at)
                WHERE id = $1
                """,
                run_id, status, run_folder, completed_at,
            )

    async def claim_completion(self, run_id: uuid.UUID, run_folder: str, completed_at: datetime) -> bool:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            claimed = await conn.fetchval(
                """
                UPDATE runs SET status = 'completed', run_folder = $2, completed_at = $3
                WHERE id = $1 AND status <> 'completed'
                RETURNING id
                """,
                run_id, run_folder, completed_at,
            )
        return claimed is not None

    async def completed_in_month(self, month_start: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch(
                f"SELECT {RUN_COLUMNS} FROM runs WHERE date_trunc('month', completed_at) = $1 ORDER BY completed_at",
                month_start,
            )

    async def completed_between(self, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch(
                f"SELECT {RUN_COLUMNS} FROM runs WHERE completed_at >= $1 AND completed_at < $2 ORDER BY completed_at",
                start, end,
            )

    async def list_page(self, after: uuid.UUID | None, limit: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            if after is None:
                return await conn.fetch(f"SELECT {RUN_COLUMNS} FROM runs ORDER BY id LIMIT $1", limit)
            return await conn.fetch(
                f"SELECT {RUN_COLUMNS} FROM runs WHERE id > $1 ORDER BY id LIMIT $2", after, limit
            )

    async def status_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            for status in ("registered", "sequencing", "completed"):
                counts[status] = await conn.fetchval("SELECT count(*) FROM runs WHERE status = $1", status)
        return counts
