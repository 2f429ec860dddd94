"""Raw-SQL access to tickets and customers (hot paths, asyncpg)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg
from fastapi import HTTPException

from svc.db.pool import Database
from svc.errors import NotFoundError

TICKET_COLUMNS = (
    "id, org_id, customer_id, assignee_id, subject, status, priority, requester_email, "
    "created_at, updated_at, sla_due_at, escalation_level"
)


@dataclass(slots=True, frozen=True)
class TicketRow:
    id: int
    org_id: int
    customer_id: int
    assignee_id: int | None
    subject: str
    status: str
    priority: str
    requester_email: str
    created_at: datetime
    updated_at: datetime
    sla_due_at: datetime | None
    escalation_level: int

    @classmethod
    def from_record(cls, record: asyncpg.Record) -> TicketRow:
        return cls(**dict(record.items()))


@dataclass(slots=True, frozen=True)
class CustomerRow:
    id: int
    name: str
    email: str


class TicketRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, org_id: int, ticket_id: int) -> TicketRow | None:
        async with self._db.connection() as conn:
            record = await conn.fetchrow(f"SELECT {TICKET_COLUMNS} FROM tickets WHERE id = $1 AND org_id = $2", ticket_id, org_id)
        return TicketRow.from_record(record) if record is not None else None

    async def require(self, org_id: int, ticket_id: int) -> TicketRow:
        ticket = await self.get(org_id, ticket_id)
        if ticket is None:
            raise NotFoundError(f"ticket {ticket_id} not found")
        return ticket

    async def lock_for_update(self, conn: asyncpg.Connection, org_id: int, ticket_id: int) -> TicketRow:
        record = await conn.fetchrow(f"SELECT {TICKET_COLUMNS} FROM tickets WHERE id = $1 AND org_id = $2 FOR UPDATE", ticket_id, org_id)
        if record is None:
            raise HTTPException(status_code=404, detail="ticket not found")
        return TicketRow.from_record(record)

    async def list_page(self, org_id: int, status: str, before: datetime | None, limit: int) -> list[TicketRow]:
        async with self._db.connection() as conn:
            if before is None:
                records = await conn.fetch(f"SELECT {TICKET_COLUMNS} FROM tickets WHERE org_id = $1 AND status = $2 ORDER BY updated_at DESC LIMIT $3", org_id, status, limit)
            else:
                records = await conn.fetch(f"SELECT {TICKET_COLUMNS} FROM tickets WHERE org_id = $1 AND status = $2 AND updated_at < $3 ORDER BY updated_at DESC LIMIT $4", org_id, status, before, limit)
        return [TicketRow.from_record(r) for r in records]

    async def assigned_open(self, agent_id: int, limit: int) -> list[TicketRow]:
        async with self._db.connection() as conn:
            records = await conn.fetch(f"SELECT {TICKET_COLUMNS} FROM tickets WHERE assignee_id = $1 AND status = 'open' ORDER BY updated_at LIMIT $2", agent_id, limit)
        return [TicketRow.from_record(r) for r in records]

    async def list_by_requester(self, org_id: int, email: str) -> list[TicketRow]:
        async with self._db.connection() as conn:
            records = await conn.fetch(f"SELECT {TICKET_COLUMNS} FROM tickets WHERE org_id = $1 AND requester_email = $2 ORDER BY created_at DESC LIMIT 50", org_id, email)
        return [TicketRow.from_record(r) for r in records]

    async def get_customer(self, customer_id: int) -> CustomerRow | None:
        async with self._db.connection() as conn:
            record = await conn.fetchrow("SELECT id, name, email FROM customers WHERE id = $1", customer_id)
        return CustomerRow(record["id"], record["name"], record["email"]) if record is not None else None

    async def customers_by_ids(self, customer_ids: list[int]) -> dict[int, CustomerRow]:
        if not customer_ids:
            return {}
        async with self._db.connection() as conn:
            records = await conn.fetch("SELECT id, name, email FROM customers WHERE id = ANY($1::bigint[])", customer_ids)
        return {r["id"]: CustomerRow(r["id"], r["name"], r["email"]) for r in records}

    async def tickets_by_ids(self, org_id: int, ticket_ids: list[int]) -> list[TicketRow]:
        async with self._db.connection() as conn:
            records = await conn.fetch(f"SELECT {TICKET_COLUMNS} FROM tickets WHERE org_id = $1 AND id = ANY($2::bigint[])", org_id, ticket_ids)
        return [TicketRow.from_record(r) for r in records]

    async def unassigned(self, org_id: int, limit: int) -> list[TicketRow]:
        async with self._db.connection() as conn:
            records = await conn.fetch(f"SELECT {TICKET_COLUMNS} FROM tickets WHERE org_id = $1 AND status = 'open' AND assignee_id IS NULL ORDER BY updated_at LIMIT $2", org_id, limit)
        return [TicketRow.from_record(r) for r in records]

    async def set_assignee(self, ticket_id: int, agent_id: int) -> None:
        async with self._db.connection() as conn:
            await conn.execute("UPDATE tickets SET assignee_id = $1, updated_at = now() WHERE id = $2", agent_id, ticket_id)

    async def assign_many(self, pairs: list[tuple[int, int]]) -> None:
        async with self._db.transaction() as conn:
            await conn.executemany("UPDATE tickets SET assignee_id = $2, updated_at = now() WHERE id = $1 AND assignee_id IS NULL", pairs)

    async def claim_unassigned(self, org_id: int, agent_id: int) -> TicketRow | None:
        next_id = "SELECT id FROM tickets WHERE org_id = $1 AND status = 'open' AND assignee_id IS NULL ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED"
        async with self._db.transaction() as conn:
            record = await conn.fetchrow(f"UPDATE tickets SET assignee_id = $2, updated_at = now() WHERE id = ({next_id}) RETURNING {TICKET_COLUMNS}", org_id, agent_id)
        return TicketRow.from_record(record) if record is not None else None

    async def search_subjects(self, org_id: int, term: str, limit: int) -> list[TicketRow]:
        async with self._db.connection() as conn:
            records = await conn.fetch(f"SELECT {TICKET_COLUMNS} FROM tickets WHERE org_id = $1 AND subject ILIKE '%' || $2 || '%' ORDER BY updated_at DESC LIMIT $3", org_id, term, limit)
        return [TicketRow.from_record(r) for r in records]

    async def close_many(self, org_id: int, ticket_ids: list[int]) -> int:
        conn = await self._db.pool.acquire(timeout=5.0)
        status = await conn.execute("UPDATE tickets SET status = 'closed', updated_at = now() WHERE org_id = $1 AND id = ANY($2::bigint[])", org_id, ticket_ids)
        await self._db.pool.release(conn)
        return int(status.split()[-1])

    async def due_for_escalation(self, now: datetime, limit: int) -> list[TicketRow]:
        async with self._db.connection() as conn:
            records = await conn.fetch(f"SELECT {TICKET_COLUMNS} FROM tickets WHERE status IN ('open', 'pending') AND sla_due_at <= $1 ORDER BY sla_due_at LIMIT $2", now, limit)
        return [TicketRow.from_record(r) for r in records]

    async def mark_escalated(self, ticket_ids: list[int], level: int) -> list[int]:
        async with self._db.connection() as conn:
            records = await conn.fetch("UPDATE tickets SET escalation_level = $2 WHERE id = ANY($1::bigint[]) AND escalation_level < $2 RETURNING id", ticket_ids, level)
        return [r["id"] for r in records]

    async def upsert_customer(self, conn: asyncpg.Connection, org_id: int, email: str, name: str) -> int:
        sql = "INSERT INTO customers (org_id, email, name) VALUES ($1, $2, $3) ON CONFLICT (org_id, email) DO UPDATE SET name = EXCLUDED.name RETURNING id"
        return await conn.fetchval(sql, org_id, email, name)

    async def insert(self, conn: asyncpg.Connection, org_id: int, customer_id: int, subject: str, priority: str, requester_email: str, sla_due_at: datetime) -> TicketRow:
        columns = "org_id, customer_id, subject, status, priority, requester_email, sla_due_at"
        sql = f"INSERT INTO tickets ({columns}) VALUES ($1, $2, $3, 'open', $4, $5, $6) RETURNING {TICKET_COLUMNS}"
        return TicketRow.from_record(await conn.fetchrow(sql, org_id, customer_id, subject, priority, requester_email, sla_due_at))

    async def add_message(self, conn: asyncpg.Connection, ticket_id: int, author_kind: str, author_id: int | None, body: str, external_id: str | None) -> int:
        sql = "INSERT INTO messages (ticket_id, author_kind, author_id, body, external_message_id) VALUES ($1, $2, $3, $4, $5) RETURNING id"
        return await conn.fetchval(sql, ticket_id, author_kind, author_id, body, external_id)
