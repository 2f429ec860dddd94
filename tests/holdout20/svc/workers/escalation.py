"""SLA escalation: bumps the escalation level of overdue tickets and alerts managers."""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.outbound import MailRelay
from svc.db.orm_repos import AgentRepository
from svc.db.tickets_repo import TicketRepository, TicketRow
from svc.realtime.hub import PresenceHub

logger = logging.getLogger(__name__)

BATCH_SIZE = 200


class EscalationWorker:
    def __init__(
        self,
        repo: TicketRepository,
        session_factory: async_sessionmaker[AsyncSession],
        hub: PresenceHub,
        mail: MailRelay,
        interval: float,
    ) -> None:
        self._repo = repo
        self._session_factory = session_factory
        self._hub = hub
        self._mail = mail
        self._interval = interval

    async def run(self) -> None:
        logger.info("escalation worker started, interval=%.0fs", self._interval)
        while True:
            due = await self._repo.due_for_escalation(datetime.now(UTC), BATCH_SIZE)
            if due:
                escalated = await self._escalate(due)
                await self._notify_managers(escalated)
            await asyncio.sleep(self._interval)

    async def _escalate(self, due: list[TicketRow]) -> list[TicketRow]:
        by_level: dict[int, list[TicketRow]] = defaultdict(list)
        for ticket in due:
            by_level[ticket.escalation_level + 1].append(ticket)
        escalated: list[TicketRow] = []
        for level, tickets in by_level.items():
            changed = set(await self._repo.mark_escalated([t.id for t in tickets], level))
            for ticket in tickets:
                if ticket.id not in changed:
                    continue
                escalated.append(ticket)
                self._hub.publish(ticket.org_id, {"type": "ticket.escalated", "ticket_id": ticket.id, "level": level})
        return escalated

    async def _notify_managers(self, escalated: list[TicketRow]) -> None:
        if not escalated:
            return
        by_org: dict[int, list[TicketRow]] = defaultdict(list)
        for ticket in escalated:
            by_org[ticket.org_id].append(ticket)
        async with self._session_factory() as session:
            managers = await AgentRepository(session).manager_emails(list(by_org))
        for org_id, tickets in by_org.items():
            recipients = managers.get(org_id)
            if not recipients:
                continue
            lines = "".join(f"<li>#{t.id} {t.subject}</li>" for t in tickets)
            await self._mail.send(
                recipients,
                f"{len(tickets)} ticket(s) breached SLA",
                f"<ul>{lines}</ul>",
                category="escalation",
                priority="high",
            )
