"""Housekeeping task storage (asyncpg)."""

from __future__ import annotations

from datetime import datetime

import asyncpg
from fastapi import HTTPException

from svc.config import settings


class HousekeepingRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get_task(self, task_id: int) -> asyncpg.Record:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            row = await conn.fetchrow("SELECT id, room_id, assigned_to, status FROM housekeeping_tasks WHERE id = $1", task_id)
        if row is None:
            raise HTTPException(status_code=404, detail="task not found")
        return row

    async def set_assignee(self, task_id: int, staff_id: int) -> None:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            await conn.execute("UPDATE housekeeping_tasks SET assigned_to = $2 WHERE id = $1", task_id, staff_id)

    async def claim_if_free(self, task_id: int, staff_id: int) -> bool:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            claimed = await conn.fetchval(
                "UPDATE housekeeping_tasks SET assigned_to = $2 WHERE id = $1 AND assigned_to IS NULL RETURNING id",
                task_id,
                staff_id,
            )
        return claimed is not None

    async def open_for_property(self, property_id: int, before: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(
                "SELECT id, room_id, kind, due_at FROM housekeeping_tasks "
                "WHERE property_id = $1 AND status = 'open' AND due_at < $2 ORDER BY due_at LIMIT 500",
                property_id,
                before,
            )

    async def room_code(self, room_id: int) -> str:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            return await conn.fetchval("SELECT code FROM rooms WHERE id = $1", room_id)

    async def room_codes(self, room_ids: list[int]) -> dict[int, str]:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            rows = await conn.fetch("SELECT id, code FROM rooms WHERE id = ANY($1::bigint[])", room_ids)
        return {r["id"]: r["code"] for r in rows}

    async def create_turnover_tasks(self, rows: list[tuple[int, int, datetime]]) -> None:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            await conn.executemany(
                "INSERT INTO housekeeping_tasks (room_id, property_id, kind, status, due_at) "
                "VALUES ($1, $2, 'turnover', 'open', $3) ON CONFLICT DO NOTHING",
                rows,
            )
