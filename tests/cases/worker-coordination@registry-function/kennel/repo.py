"""Visit bookings and grooming tasks, both kept as rows with a status."""
import asyncpg


class BookingRepo:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def take_grooming_tasks(self, limit: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT id, pet_id FROM grooming_tasks WHERE state = 'queued' ORDER BY queued_at LIMIT $1",  # expect: worker-coordination
                limit,
            )
            await conn.execute("UPDATE grooming_tasks SET state = 'taken' WHERE id = ANY($1::int[])",
                               [row["id"] for row in rows])
            return rows

    async def take_bath_tasks(self, limit: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "UPDATE bath_tasks SET state = 'taken' WHERE id IN (SELECT id FROM bath_tasks"
                " WHERE state = 'queued' ORDER BY queued_at LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING id, pet_id",
                limit,
            )

    async def finish(self, table_id: int) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE grooming_tasks SET state = 'done' WHERE id = $1", table_id)

    async def overdue_vaccinations(self) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch("SELECT pet_id, owner_email FROM vaccinations WHERE due_on < current_date")

    async def note_reminded(self, pet_id: int) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE vaccinations SET reminded_at = now() WHERE pet_id = $1", pet_id)


class Reminders:
    def __init__(self, repo: BookingRepo) -> None:
        self._repo = repo

    async def remind_all(self) -> int:
        sent = 0
        for row in await self._repo.overdue_vaccinations():
            await self._repo.note_reminded(row["pet_id"])
            sent += 1
        return sent
