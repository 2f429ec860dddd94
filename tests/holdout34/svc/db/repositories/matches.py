from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from svc.db.models import Match
from svc.db.repositories.base import Repository
from svc.errors import NotFoundError


class MatchRepository(Repository):
    async def get(self, match_id: int) -> Match:
        async with self._sessionmaker() as session:
            match = await session.get(Match, match_id)
        if match is None:
            raise NotFoundError(f"match {match_id} not found")
        return match

    async def get_many(self, match_ids: Sequence[int]) -> list[Match]:
        if not match_ids:
            return []
        async with self._sessionmaker() as session:
            result = await session.execute(select(Match).where(Match.id.in_(match_ids)))
            return list(result.scalars())

    async def list_live(self) -> list[Match]:
        async with self._sessionmaker() as session:
            stmt = select(Match).where(Match.status == "live").order_by(Match.kickoff_at)
            result = await session.execute(stmt)
            return list(result.scalars())

    async def list_between(self, start: datetime, end: datetime) -> list[Match]:
        async with self._sessionmaker() as session:
            stmt = (
                select(Match)
                .where(Match.kickoff_at >= start, Match.kickoff_at < end)
                .order_by(Match.kickoff_at)
                .limit(500)
            )
            result = await session.execute(stmt)
            return list(result.scalars())

    async def list_on_day(self, day: date) -> list[Match]:
        """Fixtures for the public calendar page."""
        async with self._sessionmaker() as session:
            stmt = select(Match).where(func.date(Match.kickoff_at) == day).order_by(Match.kickoff_at)
            result = await session.execute(stmt)
            return list(result.scalars())

    async def with_events(self, match_ids: Sequence[int]) -> list[Match]:
        async with self._sessionmaker() as session:
            stmt = select(Match).where(Match.id.in_(match_ids)).options(selectinload(Match.events))
            result = await session.execute(stmt)
            return list(result.scalars())

    async def by_alpha_id(self, alpha_id: str) -> Match | None:
        async with self._sessionmaker() as session:
            result = await session.execute(select(Match).where(Match.alpha_id == alpha_id))
            return result.scalar_one_or_none()

    async def by_beta_id(self, beta_id: str) -> Match | None:
        async with self._sessionmaker() as session:
            result = await session.execute(select(Match).where(Match.beta_id == beta_id))
            return result.scalar_one_or_none()

    async def update_score(self, match_id: int, home: int, away: int) -> None:
        async with self._sessionmaker() as session:
            await session.execute(
                update(Match).where(Match.id == match_id).values(home_score=home, away_score=away)
            )
            await session.commit()

    async def set_status(self, match_id: int, status: str, minute: int | None = None) -> None:
        async with self._sessionmaker() as session:
            await session.execute(
                update(Match).where(Match.id == match_id).values(status=status, minute=minute)
            )
            await session.commit()

    async def finished_since(self, since: datetime) -> list[int]:
        async with self._sessionmaker() as session:
            stmt = select(Match.id).where(Match.status == "finished", Match.kickoff_at >= since)
            result = await session.execute(stmt)
            return list(result.scalars())
