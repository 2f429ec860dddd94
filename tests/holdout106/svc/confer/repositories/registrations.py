from __future__ import annotations

import asyncpg

from ..core.db import acquire_conn
from ..core.errors import Conflict, NotFound


class RegistrationRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def get_for_user(self, conference_id: int, user_id: int) -> asyncpg.Record | None:
        conn = await acquire_conn(self.pool)
        row = await conn.fetchrow(
            "SELECT * FROM registrations WHERE conference_id = $1 AND user_id = $2",
            conference_id, user_id,
        )
        await self.pool.release(conn)
        return row

    async def list_for_conference(self, conference_id: int) -> list[asyncpg.Record]:
        connection = await acquire_conn(self.pool)
        try:
            return await connection.fetch(
                "SELECT r.*, u.display_name FROM registrations r JOIN users u ON u.id = r.user_id "
                "WHERE r.conference_id = $1 ORDER BY u.display_name",
                conference_id,
            )
        finally:
            await self.pool.release(connection)

    async def create(self, conn: asyncpg.Connection, conference_id: int, user_id: int, price_cents: int) -> asyncpg.Record:
        row = await conn.fetchrow(
            "INSERT INTO registrations (conference_id, user_id, price_cents, status) VALUES ($1, $2, $3, 'pending') "
            "ON CONFLICT ON CONSTRAINT uq_registration DO NOTHING RETURNING *",
            conference_id, user_id, price_cents,
        )
        if row is None:
            raise Conflict("already registered")
        return row

    async def set_status(self, registration_id: int, status: str) -> None:
        await self.pool.execute("UPDATE registrations SET status = $2 WHERE id = $1", registration_id, status)

    async def transfer(self, source_id: int, target_id: int) -> None:
        """Move the paid ticket of ``source_id`` onto the pending registration ``target_id``."""
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                source = await conn.fetchrow("SELECT * FROM registrations WHERE id = $1 FOR UPDATE", source_id)
                target = await conn.fetchrow("SELECT * FROM registrations WHERE id = $1 FOR UPDATE", target_id)
                if source is None or target is None:
                    raise NotFound("registration")
                await conn.execute("UPDATE registrations SET status = 'transferred' WHERE id = $1", source_id)
                await conn.execute(
                    "UPDATE registrations SET status = 'paid', price_cents = $2 WHERE id = $1",
                    target_id, source["price_cents"],
                )

    async def swap_days(self, a_id: int, b_id: int) -> None:
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                rows = await conn.fetch(
                    "SELECT id, price_cents FROM registrations WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE",
                    [a_id, b_id],
                )
                if len(rows) != 2:
                    raise NotFound("registration")
                by_id = {r["id"]: r for r in rows}
                await conn.executemany(
                    "UPDATE registrations SET price_cents = $2 WHERE id = $1",
                    [(a_id, by_id[b_id]["price_cents"]), (b_id, by_id[a_id]["price_cents"])],
                )
