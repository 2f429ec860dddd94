from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from arenaplay.db.models import Match, MatchParticipant
from arenaplay.repositories.base import OrmRepository


class MatchRepository(OrmRepository[Match]):
    model = Match

    async def create(self, mode: str, map_name: str, region: str, season_id: int | None,
                     teams: list[list[int]]) -> Match:
        match = Match(id=str(uuid.uuid4()), mode=mode, map_name=map_name, region=region, season_id=season_id)
        self.session.add(match)
        for team_no, team in enumerate(teams):
            for player_id in team:
                self.session.add(MatchParticipant(match_id=match.id, player_id=player_id, team=team_no))
        await self.session.flush()
        return match

    async def get_with_participants(self, match_id: str) -> Match | None:
        stmt = select(Match).options(selectinload(Match.participants)).where(Match.id == match_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def list_with_participants(self, status: str, limit: int = 50) -> list[tuple[Match, list[MatchParticipant]]]:
        stmt = select(Match).where(Match.status == status).order_by(Match.created_at.desc()).limit(limit)
        matches = list((await self.session.execute(stmt)).scalars())
        out = []
        for match in matches:
            rows = await self.session.execute(select(MatchParticipant).where(MatchParticipant.match_id == match.id))
            out.append((match, list(rows.scalars())))
        return out

    async def history_for_player(self, player_id: int, limit: int = 20) -> list[MatchParticipant]:
        stmt = (
            select(MatchParticipant)
            .where(MatchParticipant.player_id == player_id)
            .order_by(MatchParticipant.joined_at.desc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def recent_finished(self, before: datetime | None, limit: int = 50) -> list[Match]:
        stmt = select(Match).where(Match.status == "finished")
        if before is not None:
            stmt = stmt.where(Match.created_at < before)
        stmt = stmt.order_by(Match.created_at.desc()).limit(limit)
        return list((await self.session.execute(stmt)).scalars())

    async def count_finished(self, season_id: int) -> int:
        rows = await self.session.execute(select(Match).where(Match.season_id == season_id, Match.status == "finished"))
        return len(rows.scalars().all())

    async def count_by_status(self, status: str) -> int:
        stmt = select(func.count()).select_from(Match).where(Match.status == status)
        return (await self.session.execute(stmt)).scalar_one()

    async def set_status(self, match_id: str, status: str, at: datetime) -> None:
        match = await self.session.get(Match, match_id)
        if match is None:
            return
        match.status = status
        if status == "live":
            match.started_at = at
        else:
            match.ended_at = at

    async def record_scores(self, match_id: str, scores: dict[int, int], deltas: dict[int, float]) -> None:
        stmt = select(MatchParticipant).where(MatchParticipant.match_id == match_id)
        for participant in (await self.session.execute(stmt)).scalars():
            participant.score = scores.get(participant.player_id, 0)
            participant.rating_delta = deltas.get(participant.player_id, 0.0)
