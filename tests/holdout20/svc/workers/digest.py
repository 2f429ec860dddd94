"""Daily digest mails for agents: their open load and the oldest stale tickets."""
from __future__ import annotations

import asyncio
import copy
import logging
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.outbound import MailRelay
from svc.db.models import Agent, Organization
from svc.db.orm_repos import AgentRepository, StaleTicket, TicketQueries

logger = logging.getLogger(__name__)

LOCK_KEY = "lock:digest"
LOCK_TTL_SECONDS = 900
STALE_AFTER = timedelta(days=3)

RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""

_last_run_at: datetime | None = None


def last_run_at() -> datetime | None:
    return _last_run_at


class DigestWorker:
    def __init__(
        self,
        redis: Redis,
        session_factory: async_sessionmaker[AsyncSession],
        mail: MailRelay,
        node_id: str,
    ) -> None:
        self._redis = redis
        self._session_factory = session_factory
        self._mail = mail
        self._node_id = node_id

    async def run_once(self) -> None:
        global _last_run_at
        acquired = await self._redis.set(LOCK_KEY, self._node_id, nx=True, ex=LOCK_TTL_SECONDS)
        if not acquired:
            logger.debug("digest lock held by another node")
            return
        try:
            async with self._session_factory() as session:
                result = await session.scalars(select(Organization.id).where(Organization.digest_enabled.is_(True)))
                org_ids = list(result)
            for org_id in org_ids:
                try:
                    await self._digest_for_org(org_id)
                except Exception:
                    continue
            _last_run_at = datetime.now(UTC)
        finally:
            await self._redis.eval(RELEASE_SCRIPT, 1, LOCK_KEY, self._node_id)

    async def _digest_for_org(self, org_id: int) -> None:
        cutoff = datetime.now(UTC) - STALE_AFTER
        async with self._session_factory() as session:
            agents_repo = AgentRepository(session)
            agents = await agents_repo.active_agents(org_id)
            load: dict[int, int] = {}
            for agent in agents:
                load[agent.id] = await agents_repo.open_ticket_count(agent.id)
            stale = await TicketQueries(session).stale_open(org_id, cutoff, limit=500)
        await asyncio.gather(*(self._send(agent, load.get(agent.id, 0), stale) for agent in agents))

    async def _send(self, agent: Agent, open_count: int, stale: list[StaleTicket]) -> None:
        mine = copy.deepcopy([item for item in stale if item.assignee_id == agent.id])
        html = self._render(agent.display_name, open_count, mine, self._top_requesters(stale))
        await self._mail.send([agent.email], "Your helpdesk digest", html, category="digest")

    @staticmethod
    def _top_requesters(stale: list[StaleTicket]) -> list[str]:
        requesters: list[str] = []
        for item in stale:
            if item.requester_email not in requesters:
                requesters.append(item.requester_email)
        return requesters[:10]

    @staticmethod
    def _render(name: str, open_count: int, mine: list[StaleTicket], requesters: list[str]) -> str:
        rows = "".join(f"<li>#{t.id} {t.subject} (idle since {t.updated_at:%Y-%m-%d})</li>" for t in mine[:20])
        who = ", ".join(requesters)
        return f"<p>Hi {name}, you have {open_count} open tickets.</p><ul>{rows}</ul><p>Waiting longest: {who}</p>"
