"""Ticket lifecycle: creation, assignment, listing, search and deletion."""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol

import httpx

from svc.clients.outbound import WebhookDispatcher
from svc.clients.search import SearchClient
from svc.db.pool import Database
from svc.db.tickets_repo import CustomerRow, TicketRepository, TicketRow
from svc.errors import CircuitOpenError, ConflictError, ValidationFailed
from svc.realtime.hub import PresenceHub, TicketWatchers
from svc.services.presence import PresenceService
from svc.services.sla import SlaClock
from svc.workers.runtime import TaskRegistry

logger = logging.getLogger(__name__)

MAX_REINDEX_CONCURRENCY = 8


class InboundEmail(Protocol):
    message_id: str
    sender: str
    sender_name: str
    subject: str
    text: str


@dataclass(frozen=True, slots=True)
class InboxItem:
    ticket: TicketRow
    customer: CustomerRow | None


@dataclass(frozen=True, slots=True)
class TicketDetail:
    ticket: TicketRow
    similar_ids: list[int]


@dataclass(frozen=True, slots=True)
class NewTicket:
    subject: str
    body: str
    requester_email: str
    requester_name: str
    priority: str


class AuditLog:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(self, org_id: int, actor_id: int | None, action: str, ticket_id: int | None, data: dict[str, Any]) -> None:
        async with self._db.connection() as conn:
            sql = "INSERT INTO audit_events (org_id, actor_id, action, ticket_id, data) VALUES ($1, $2, $3, $4, $5)"
            await conn.execute(sql, org_id, actor_id, action, ticket_id, json.dumps(data))


def _search_document(ticket: TicketRow, body: str = "") -> dict[str, Any]:
    fields = {"id": ticket.id, "org_id": ticket.org_id, "subject": ticket.subject, "status": ticket.status, "priority": ticket.priority}
    return {**fields, "body": body, "updated_at": ticket.updated_at.isoformat()}


class TicketService:
    def __init__(self, db: Database, repo: TicketRepository, search: SearchClient, hub: PresenceHub, watchers: TicketWatchers,
                 audit: AuditLog, tasks: TaskRegistry, webhooks: WebhookDispatcher, sla: SlaClock, presence: PresenceService) -> None:
        self._db = db
        self._repo = repo
        self._search = search
        self._hub = hub
        self._watchers = watchers
        self._audit = audit
        self._tasks = tasks
        self._webhooks = webhooks
        self._sla = sla
        self._presence = presence

    async def _index(self, ticket: TicketRow, body: str = "") -> None:
        await self._search.index_ticket(_search_document(ticket, body))

    async def _open(self, org_id: int, new: NewTicket, author_kind: str, author_id: int | None, external_id: str | None) -> TicketRow:
        due = await self._sla.due_at(org_id, new.priority, datetime.now(UTC))
        async with self._db.transaction() as conn:
            customer_id = await self._repo.upsert_customer(conn, org_id, new.requester_email, new.requester_name)
            ticket = await self._repo.insert(conn, org_id, customer_id, new.subject, new.priority, new.requester_email, due)
            await self._repo.add_message(conn, ticket.id, author_kind, author_id, new.body, external_id)
        return ticket

    async def open_from_email(self, org_id: int, email: InboundEmail) -> TicketRow:
        new = NewTicket(email.subject[:300] or "(no subject)", email.text, email.sender, email.sender_name, "normal")
        ticket = await self._open(org_id, new, "customer", None, email.message_id)
        self._tasks.spawn(self._index(ticket, email.text), name=f"index-ticket-{ticket.id}")
        await self._hub.publish(org_id, {"type": "ticket.created", "ticket_id": ticket.id})
        return ticket

    async def create(self, org_id: int, agent_id: int | None, new: NewTicket) -> TicketRow:
        if new.priority not in {"low", "normal", "high", "urgent"}:
            raise ValidationFailed("unknown priority")
        ticket = await self._open(org_id, new, "agent", agent_id, None)
        asyncio.create_task(self._index(ticket, new.body))
        self._audit.record(org_id, agent_id, "ticket.created", ticket.id, {"priority": new.priority})
        await self._hub.publish(org_id, {"type": "ticket.created", "ticket_id": ticket.id})
        await self._webhooks.dispatch(org_id, "ticket.created", {"id": ticket.id, "subject": ticket.subject})
        return ticket

    async def get(self, org_id: int, ticket_id: int) -> TicketRow:
        return await self._repo.require(org_id, ticket_id)

    async def add_reply(self, org_id: int, ticket_id: int, agent_id: int, body: str) -> int:
        ticket = await self._repo.require(org_id, ticket_id)
        await self._presence.require_editor(ticket.id, agent_id)
        async with self._db.transaction() as conn:
            message_id = await self._repo.add_message(conn, ticket.id, "agent", agent_id, body, None)
        self._watchers.enqueue(ticket.id, {"type": "message.created", "message_id": message_id, "agent_id": agent_id})
        await self._audit.record(org_id, agent_id, "message.created", ticket.id, {"message_id": message_id})
        return message_id

    async def inbox(self, org_id: int, status: str, before: datetime | None, limit: int) -> list[InboxItem]:
        tickets = await self._repo.list_page(org_id, status, before, limit)
        customers = await self._repo.customers_by_ids(sorted({t.customer_id for t in tickets}))
        return [InboxItem(ticket=t, customer=customers.get(t.customer_id)) for t in tickets]

    async def my_queue(self, agent_id: int) -> list[InboxItem]:
        tickets = await self._repo.assigned_open(agent_id, limit=100)
        items: list[InboxItem] = []
        for ticket in tickets:
            customer = await self._repo.get_customer(ticket.customer_id)
            items.append(InboxItem(ticket=ticket, customer=customer))
        return items

    async def requester_history(self, org_id: int, email: str) -> list[TicketRow]:
        return await self._repo.list_by_requester(org_id, email)

    async def assign(self, org_id: int, ticket_id: int, agent_id: int) -> TicketRow:
        ticket = await self._repo.require(org_id, ticket_id)
        if ticket.assignee_id is not None and ticket.assignee_id != agent_id:
            raise ConflictError("ticket is already assigned", details={"assignee_id": ticket.assignee_id})
        await self._repo.set_assignee(ticket.id, agent_id)
        await self._hub.publish(org_id, {"type": "ticket.assigned", "ticket_id": ticket.id, "agent_id": agent_id})
        return replace(ticket, assignee_id=agent_id)

    async def claim_next(self, org_id: int, agent_id: int) -> TicketRow | None:
        ticket = await self._repo.claim_unassigned(org_id, agent_id)
        if ticket is not None:
            await self._hub.publish(org_id, {"type": "ticket.assigned", "ticket_id": ticket.id, "agent_id": agent_id})
        return ticket

    async def auto_assign(self, org_id: int) -> int:
        """Round-robin the unassigned backlog over the agents currently online."""
        pending = await self._repo.unassigned(org_id, limit=500)
        agents = await self._presence.online_agents(org_id)
        if not agents:
            return 0
        pairs: list[tuple[int, int]] = []
        turn = 0
        while pending:
            ticket = pending.pop(0)
            pairs.append((ticket.id, agents[turn % len(agents)]))
            turn += 1
        await self._repo.assign_many(pairs)
        return len(pairs)

    async def detail(self, org_id: int, ticket_id: int) -> TicketDetail:
        ticket = await self._repo.require(org_id, ticket_id)
        similar = await self._search.more_like_this(org_id, ticket.id)
        return TicketDetail(ticket=ticket, similar_ids=similar)

    async def search(self, org_id: int, text: str, limit: int) -> list[int]:
        try:
            return await self._search.query(org_id, text, limit)
        except (httpx.HTTPError, CircuitOpenError):
            logger.warning("search unavailable, falling back to subject match", exc_info=True)
            rows = await self._repo.search_subjects(org_id, text, limit)
            return [row.id for row in rows]

    async def snooze(self, org_id: int, ticket_id: int, hours: int) -> datetime:
        ticket = await self._repo.require(org_id, ticket_id)
        until = datetime.now(UTC) + timedelta(hours=hours)
        async with self._db.connection() as conn:
            await conn.execute("UPDATE tickets SET status = 'pending', sla_due_at = $2, updated_at = now() WHERE id = $1", ticket.id, until)
        return until

    async def reopen(self, org_id: int, ticket_id: int) -> TicketRow:
        ticket = await self._repo.get_by_id(ticket_id)
        async with self._db.connection() as conn:
            await conn.execute("UPDATE tickets SET status = 'open', updated_at = now() WHERE id = $1 AND org_id = $2", ticket.id, org_id)
        await self._hub.publish(org_id, {"type": "ticket.reopened", "ticket_id": ticket.id})
        return replace(ticket, status="open")

    async def close_bulk(self, org_id: int, ticket_ids: list[int]) -> int:
        return await self._repo.close_many(org_id, ticket_ids)

    async def delete(self, org_id: int, ticket_id: int) -> None:
        async with self._db.transaction() as conn:
            ticket = await self._repo.lock_for_update(conn, org_id, ticket_id)
            await conn.execute("DELETE FROM tickets WHERE id = $1", ticket.id)
        await self._search.delete_ticket(ticket.id)

    async def reindex(self, org_id: int, ticket_ids: list[int]) -> int:
        tickets = await self._repo.tickets_by_ids(org_id, ticket_ids)
        semaphore = asyncio.Semaphore(MAX_REINDEX_CONCURRENCY)

        async def index_one(ticket: TicketRow) -> None:
            async with semaphore:
                await self._index(ticket)

        await asyncio.gather(*(index_one(ticket) for ticket in tickets))
        return len(tickets)
