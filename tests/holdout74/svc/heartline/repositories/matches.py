"""Match rows. A pair is stored once, ordered as (user_low, user_high)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..models.social import Match


def ordered_pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


class MatchRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def find_between(self, a: int, b: int) -> Match | None:
        low, high = ordered_pair(a, b)
        stmt = select(Match).where(Match.user_low == low, Match.user_high == high, Match.unmatched_at.is_(None))
        async with self._sessions() as session:
            return (await session.scalars(stmt)).first()

    async def create(self, a: int, b: int) -> Match:
        low, high = ordered_pair(a, b)
        match = Match(user_low=low, user_high=high)
        async with self._sessions() as session, session.begin():
            session.add(match)
        return match

    async def get_for_member(self, match_id: int, user_id: int) -> Match | None:
        stmt = select(Match).where(Match.id == match_id, or_(Match.user_low == user_id, Match.user_high == user_id))
        async with self._sessions() as session:
            return (await session.scalars(stmt)).first()

    async def list_for(self, user_id: int, limit: int = 100) -> list[Match]:
        stmt = (
            select(Match)
            .where(or_(Match.user_low == user_id, Match.user_high == user_id), Match.unmatched_at.is_(None))
            .order_by(Match.last_message_at.desc().nulls_last(), Match.id.desc())
            .limit(limit)
        )
        async with self._sessions() as session:
            return list(await session.scalars(stmt))

    async def peer_ids(self, user_id: int) -> list[int]:
        return [m.peer_of(user_id) for m in await self.list_for(user_id, limit=500)]

    async def unmatch(self, match_id: int, at: datetime) -> None:
        async with self._sessions() as session, session.begin():
            await session.execute(update(Match).where(Match.id == match_id).values(unmatched_at=at))
