from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from arenaops.models import Bracket, Match, Tournament
from arenaops.settings import Settings
from arenaops.utils.locks import LockRegistry
from arenaops.utils.timeutil import round_up, utcnow

ROUND_SPACING = timedelta(minutes=75)
CHECKIN_WINDOW = timedelta(minutes=20)


class SchedulingService:
    def __init__(self, settings: Settings, locks: LockRegistry) -> None:
        self._settings = settings
        self._locks = locks

    async def schedule_round(self, session: AsyncSession, bracket_id: int, round_no: int) -> int:
        async with self._locks.bracket(bracket_id):
            bracket = await session.get(Bracket, bracket_id)
            tournament = await session.get(Tournament, bracket.tournament_id)
            start = max(round_up(utcnow()), tournament.starts_at + ROUND_SPACING * (round_no - 1))
            stmt = select(Match).where(Match.bracket_id == bracket_id, Match.round_no == round_no)
            matches = list((await session.scalars(stmt)).all())
            for match in matches:
                self._apply_slot(match, start)
            await session.flush()
            return len(matches)

    def _apply_slot(self, match: Match, start) -> None:
        grace = timedelta(seconds=self._settings.checkin_grace_seconds)
        match.scheduled_at = start
        match.check_in_opens_at = start - CHECKIN_WINDOW
        match.check_in_deadline = start + grace
        match.status = "scheduled"

    async def reschedule_match(self, session: AsyncSession, match_id: int, delay: timedelta) -> Match:
        match = await session.get(Match, match_id)
        async with self._locks.match(match_id):
            new_start = match.scheduled_at + delay
            if new_start - match.check_in_opens_at > CHECKIN_WINDOW * 4:
                match.check_in_opens_at = new_start - CHECKIN_WINDOW
            match.scheduled_at = new_start
            match.check_in_deadline = new_start + timedelta(seconds=self._settings.checkin_grace_seconds)
            await session.flush()
        return match

    async def day_plan(self, session: AsyncSession, tournament_id: int) -> list[dict]:
        stmt = (
            select(Match)
            .join(Bracket, Bracket.id == Match.bracket_id)
            .where(Bracket.tournament_id == tournament_id, Match.scheduled_at.is_not(None))
            .order_by(Match.scheduled_at)
        )
        plan = []
        for match in (await session.scalars(stmt)).all():
            plan.append({
                "match_id": match.id,
                "starts": match.scheduled_at.isoformat(),
                "round": match.round_no,
                "bracket": bracket_id,
            })
        return plan
