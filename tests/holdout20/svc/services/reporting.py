"""Reports and exports for organisation admins, plus the tag catalogue used by the console."""
from __future__ import annotations

import asyncio
import csv
import io
from collections import Counter
from datetime import datetime

from cachetools import TTLCache
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from svc.config import Settings
from svc.db.models import Tag
from svc.db.orm_repos import TicketQueries

TRANSCRIPT_HEADER = ("ticket_id", "created_at", "author_kind", "body")


def _render_csv(rows: list[tuple[int, str, str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(TRANSCRIPT_HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


async def export_org_transcripts(settings: Settings, org_id: int) -> bytes:
    """Full transcript export; runs against the reporting replica when one is configured."""
    engine = create_async_engine(settings.sqlalchemy_url, pool_size=2, max_overflow=0)
    try:
        async with AsyncSession(engine) as session:
            messages = await TicketQueries(session).export_messages(org_id)
            rows = [(m.ticket_id, m.created_at.isoformat(), m.author_kind, m.body) for m in messages]
    finally:
        await engine.dispose()
    return await asyncio.to_thread(_render_csv, rows)


async def tag_report(session: AsyncSession, org_id: int, since: datetime) -> dict[str, int]:
    tickets = await TicketQueries(session).recent_for_org(org_id, since)
    counts: Counter[str] = Counter()
    for ticket in tickets:
        for tag in await ticket.awaitable_attrs.tags:
            counts[tag.name] += 1
    return dict(counts.most_common(50))


async def tags_for_tickets(session: AsyncSession, ticket_ids: list[int]) -> dict[int, list[str]]:
    tickets = await TicketQueries(session).with_tags(ticket_ids)
    return {ticket.id: [tag.name for tag in ticket.tags] for ticket in tickets}


class TagCatalog:
    """Tag names per organisation, for the console's tag picker."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory
        self._names: TTLCache[int, list[str]] = TTLCache(maxsize=2048, ttl=120)

    async def names(self, org_id: int) -> list[str]:
        cached = self._names.get(org_id)
        if cached is None:
            async with self._session_factory() as session:
                result = await session.scalars(select(Tag.name).where(Tag.org_id == org_id).order_by(Tag.name))
                cached = list(result)
            self._names[org_id] = cached
        return cached

    async def picker(self, org_id: int, recent: list[str]) -> list[str]:
        names = await self.names(org_id)
        known = set(names)
        names.extend(tag for tag in recent if tag not in known)
        return names
