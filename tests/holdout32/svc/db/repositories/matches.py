"""Matches and their participants."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from svc.db.models import Match, MatchParticipant
from svc.db.repositories.base import BaseRepository


class MatchRepository(BaseRepository[Match]):
    model = Match

    async def get_with_participants(self, match_id: int) -> Match | None:
        stmt = (
            select(Match)
            .options(selectinload(Match.participants))
            .where(Match.id == match_id)
        )
        return await self.session.scalar(stmt)

    async def recent_for_player(
        self, player_id: int, *, before_id: int | None = None, limit: int = 20
    ) -> list[Match]:
        stmt = (
            select(Match)
            .join(MatchParticipant, MatchParticipant.match_id == Match.id)
            .where(MatchParticipant.player_id == player_id)
        )
        if before_id is not None:
            stmt = stmt.where(Match.id < before_id)
        stmt = stmt.order_by(Match.id.desc()).limit(limit)
        return list(await self.session.scalars(stmt))

    async def recently_finished(self, since: datetime, limit: int = 200) -> list[Match]:
        stmt = (
            select(Match)
            .where(Match.ended_at > since).order_by(Match.ended_at.desc())
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    def new_match(self, mode: str, region: str, server_address: str | None = None) -> Match:
        match = Match(mode=mode, region=region, status="forming", server_address=server_address)
        self.session.add(match)
        return match
