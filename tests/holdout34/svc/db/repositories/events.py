from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select

from svc.db.models import MatchEvent
from svc.db.repositories.base import Repository


class EventRepository(Repository):
    async def add_many(self, events: Iterable[MatchEvent]) -> int:
        rows = list(events)
        if not rows:
            return 0
        async with self._sessionmaker() as session:
            session.add_all(rows)
            await session.commit()
        return len(rows)

    async def known_provider_ids(self, match_id: int, provider: str) -> set[str]:
        async with self._sessionmaker() as session:
            stmt = select(MatchEvent.provider_event_id).where(
                MatchEvent.match_id == match_id, MatchEvent.provider == provider
            )
            result = await session.execute(stmt)
            return set(result.scalars())

    async def provider_event_seen(self, provider: str, provider_event_id: str) -> bool:
        """Dedupe check for events pushed to us by a provider's webhook."""
        async with self._sessionmaker() as session:
            stmt = (
                select(MatchEvent.id)
                .where(MatchEvent.provider_event_id == provider_event_id, MatchEvent.provider == provider)
                .limit(1)
            )
            result = await session.execute(stmt)
            return result.first() is not None

    async def list_events(
        self, match_id: int, since: datetime | None = None, limit: int = 500
    ) -> list[MatchEvent]:
        async with self._sessionmaker() as session:
            stmt = select(MatchEvent).where(MatchEvent.match_id == match_id)
            if since is not None:
                stmt = stmt.where(MatchEvent.occurred_at > since)
            stmt = stmt.order_by(MatchEvent.occurred_at).limit(limit)
            result = await session.execute(stmt)
            return list(result.scalars())

    async def timeline_page(self, match_id: int, before: datetime, limit: int = 50) -> list[MatchEvent]:
        async with self._sessionmaker() as session:
            stmt = (
                select(MatchEvent)
                .where(MatchEvent.match_id == match_id, MatchEvent.occurred_at < before)
                .order_by(MatchEvent.occurred_at.desc())
                .limit(limit)
            )
            result = await session.execute(stmt)
            return list(result.scalars())
