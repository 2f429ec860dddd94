"""Cleaning tasks in PostgreSQL (asyncpg)."""
import asyncpg
from fastapi import HTTPException


class TaskRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, task_id: int) -> asyncpg.Record:
        async with self._pool.acquire() as conn:
            row = await conn.fetchrow(
                "SELECT id, room_id, assigned_to, closed_at, notes FROM cleaning_tasks WHERE id = $1", task_id)
        if row is None:
            raise HTTPException(status_code=404, detail="task not found")
        return row

    async def set_assignee(self, task_id: int, staff_id: int) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute("UPDATE cleaning_tasks SET assigned_to = $2 WHERE id = $1", task_id, staff_id)

    async def set_notes(self, task_id: int, notes: str) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute("UPDATE cleaning_tasks SET notes = $2 WHERE id = $1", task_id, notes)

    async def claim_if_free(self, task_id: int, staff_id: int) -> bool:
        async with self._pool.acquire() as conn:
            claimed = await conn.fetchval(
                "UPDATE cleaning_tasks SET assigned_to = $2 WHERE id = $1 AND assigned_to IS NULL RETURNING id",
                task_id, staff_id)
        return claimed is not None
