"""Ticket queries."""
import asyncpg


class TicketStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def queue_of(self, agent_id: str) -> str:
        return await self._pool.fetchval("SELECT queue_id FROM agents WHERE id = $1", agent_id)

    async def open_tickets(self, queue_id: str) -> list[dict]:
        rows = await self._pool.fetch(
            "SELECT id, subject FROM tickets WHERE queue_id = $1 AND closed_at IS NULL LIMIT 50", queue_id)
        return [dict(r) for r in rows]

    async def queue_size(self, queue_id: str) -> int:
        return await self._pool.fetchval(
            "SELECT count(*) FROM tickets WHERE queue_id = $1 AND closed_at IS NULL", queue_id)
