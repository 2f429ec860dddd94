from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from arenaops.models import Match


class MatchRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_match(self, match_id: int) -> Match | None:
        return await self._session.get(Match, match_id)

    async def lock_match(self, match_id: int) -> Match | None:
        stmt = select(Match).where(Match.id == match_id).with_for_update()
        return (await self._session.scalars(stmt)).first()

    async def by_external_id(self, external_id: str) -> Match | None:
        stmt = select(Match).where(Match.external_id == external_id)
        return (await self._session.scalars(stmt)).first()

    async def round_matches(self, bracket_id: int, round_no: int) -> list[Match]:
        stmt = (
            select(Match)
            .where(Match.bracket_id == bracket_id, Match.round_no == round_no)
            .order_by(Match.slot)
        )
        return list((await self._session.scalars(stmt)).all())

    async def by_status(self, status: str, limit: int = 200) -> list[Match]:
        stmt = select(Match).where(Match.status == status).order_by(Match.id).limit(limit)
        return list((await self._session.scalars(stmt)).all())

    async def overdue_checkins(self, now: datetime, limit: int = 500) -> list[Match]:
        stmt = (
            select(Match)
            .where(Match.check_in_deadline <= now)
            .where((Match.team_a_checked_in.is_(False)) | (Match.team_b_checked_in.is_(False)))
            .limit(limit)
        )
        return list((await self._session.scalars(stmt)).all())

    async def finished_on(self, day: date) -> list[Match]:
        stmt = select(Match).where(func.date(Match.finished_at) == day).order_by(Match.id)
        return list((await self._session.scalars(stmt)).all())

    async def finished_between(self, start: datetime, end: datetime) -> list[Match]:
        stmt = (
            select(Match)
            .where(Match.finished_at >= start, Match.finished_at < end)
            .order_by(Match.id)
        )
        return list((await self._session.scalars(stmt)).all())

    async def set_result(self, match: Match, score_a: int, score_b: int, winner_id: int | None, now: datetime) -> bool:
        stmt = (
            update(Match)
            .where(Match.id == match.id, Match.version == match.version)
            .values(score_a=score_a, score_b=score_b, winner_id=winner_id, status="done",
                    finished_at=now, version=Match.version + 1)
        )
        result = await self._session.execute(stmt)
        return result.rowcount == 1

    async def place_team(self, match_id: int, team_id: int, side: str) -> None:
        column = {"a": Match.team_a_id, "b": Match.team_b_id}[side]
        await self._session.execute(update(Match).where(Match.id == match_id).values({column: team_id}))
