"""Ticket storage."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Ticket:
    id: int
    subject: str


class TicketRepository:
    def __init__(self, pool: Any) -> None:
        self._pool = pool

    async def unassigned(self, org_id: int, limit: int) -> list[Ticket]:
        rows = await self._pool.fetch("SELECT id, subject FROM tickets WHERE org_id = $1 LIMIT $2", org_id, limit)
        return [Ticket(r["id"], r["subject"]) for r in rows]

    async def counts(self, org_id: int) -> dict[int, int]:
        rows = await self._pool.fetch("SELECT agent_id, n FROM load WHERE org_id = $1", org_id)
        return {r["agent_id"]: r["n"] for r in rows}
