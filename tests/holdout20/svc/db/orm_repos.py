"""ORM-backed repositories for messages, agents and reporting queries."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Agent, Message, Ticket
from svc.errors import NotFoundError


@dataclass(slots=True, frozen=True)
class StaleTicket:
    id: int
    subject: str
    requester_email: str
    assignee_id: int | None
    updated_at: datetime


class MessageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find_by_external_id(self, external_id: str) -> Message | None:
        result = await self._session.execute(select(Message).where(Message.external_message_id == external_id).limit(1))
        return result.scalar_one_or_none()

    async def thread(self, ticket_id: int, limit: int = 200) -> Sequence[Message]:
        stmt = select(Message).where(Message.ticket_id == ticket_id).order_by(Message.created_at.desc()).limit(limit)
        return (await self._session.scalars(stmt)).all()

    async def add(self, ticket_id: int, author_kind: str, author_id: int | None, body: str, external_id: str | None) -> Message:
        message = Message(ticket_id=ticket_id, author_kind=author_kind, author_id=author_id, body=body, external_message_id=external_id)
        self._session.add(message)
        await self._session.flush()
        return message

    async def get(self, message_id: int) -> Message:
        message = await self._session.get(Message, message_id)
        if message is None:
            raise NotFoundError(f"message {message_id} not found")
        return message


class AgentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_email(self, email: str) -> Agent | None:
        return await self._session.scalar(select(Agent).where(Agent.email == email))

    async def active_agents(self, org_id: int) -> Sequence[Agent]:
        stmt = select(Agent).where(Agent.org_id == org_id, Agent.is_active.is_(True)).order_by(Agent.id)
        return (await self._session.scalars(stmt)).all()

    async def open_ticket_count(self, agent_id: int) -> int:
        count = await self._session.scalar(select(func.count()).select_from(Ticket).where(Ticket.assignee_id == agent_id, Ticket.status == "open"))
        return count or 0

    async def open_ticket_counts(self, agent_ids: list[int]) -> dict[int, int]:
        stmt = (
            select(Ticket.assignee_id, func.count())
            .where(Ticket.assignee_id.in_(agent_ids), Ticket.status == "open")
            .group_by(Ticket.assignee_id)
        )
        rows = await self._session.execute(stmt)
        return {assignee_id: count for assignee_id, count in rows.all()}

    async def manager_emails(self, org_ids: list[int]) -> dict[int, list[str]]:
        stmt = select(Agent.org_id, Agent.email).where(Agent.org_id.in_(org_ids), Agent.is_manager.is_(True), Agent.is_active.is_(True))
        grouped: dict[int, list[str]] = {}
        for org_id, email in (await self._session.execute(stmt)).all():
            grouped.setdefault(org_id, []).append(email)
        return grouped


class TicketQueries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def with_tags(self, ticket_ids: list[int]) -> Sequence[Ticket]:
        stmt = select(Ticket).where(Ticket.id.in_(ticket_ids)).options(selectinload(Ticket.tags))
        return (await self._session.scalars(stmt)).all()

    async def recent_for_org(self, org_id: int, since: datetime) -> Sequence[Ticket]:
        stmt = select(Ticket).where(Ticket.org_id == org_id, Ticket.updated_at >= since).order_by(Ticket.updated_at).limit(5000)
        return (await self._session.scalars(stmt)).all()

    async def stale_open(self, org_id: int, older_than: datetime, limit: int) -> list[StaleTicket]:
        stmt = (
            select(Ticket.id, Ticket.subject, Ticket.requester_email, Ticket.assignee_id, Ticket.updated_at)
            .where(Ticket.org_id == org_id, Ticket.status == "open", Ticket.updated_at < older_than)
            .order_by(Ticket.updated_at)
            .limit(limit)
        )
        return [StaleTicket(*row) for row in (await self._session.execute(stmt)).all()]

    async def export_messages(self, org_id: int) -> Sequence[Message]:
        stmt = select(Message).join(Ticket, Message.ticket_id == Ticket.id).where(Ticket.org_id == org_id).order_by(Message.id)
        return (await self._session.scalars(stmt)).all()
