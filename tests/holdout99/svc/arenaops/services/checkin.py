from __future__ import annotations

import logging

from redis.asyncio import Redis
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from arenaops.cache.pubsub import encode_event, publish_matchroom
from arenaops.errors import CheckInClosed, NotFound, NotInMatch
from arenaops.models import Match
from arenaops.repositories.matches import MatchRepository
from arenaops.utils.timeutil import utcnow, within_window

logger = logging.getLogger(__name__)


class CheckInService:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def check_in(self, session: AsyncSession, match_id: int, team_id: int) -> Match:
        repo = MatchRepository(session)
        match = await repo.get_match(match_id)
        if match is None:
            raise NotFound("match not found")
        if team_id != match.team_a_id or team_id != match.team_b_id:
            raise NotInMatch("team is not playing this match")
        now = utcnow()
        if not within_window(now, match.check_in_opens_at, match.check_in_deadline):
            raise CheckInClosed("check-in window is closed")
        column = Match.team_a_checked_in if team_id == match.team_a_id else Match.team_b_checked_in
        await session.execute(update(Match).where(Match.id == match_id).values({column: True}))
        await session.commit()
        await session.refresh(match)
        await publish_matchroom(self._redis, match_id, encode_event("checked_in", team_id=team_id))
        return match

    async def forfeit(self, session: AsyncSession, match: Match) -> int | None:
        """Award the match to the side that checked in; void it if neither did."""
        if match.team_a_checked_in and not match.team_b_checked_in:
            winner = match.team_a_id
        elif match.team_b_checked_in and not match.team_a_checked_in:
            winner = match.team_b_id
        else:
            winner = None
        match.winner_id = winner
        match.status = "done" if winner else "void"
        match.finished_at = utcnow()
        logger.info("match %s forfeited, winner=%s", match.id, winner)
        return winner
