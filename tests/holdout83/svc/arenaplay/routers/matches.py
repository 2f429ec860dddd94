from __future__ import annotations

import logging
from datetime import datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from arenaplay.dependencies import current_player_id, db_session, rating_service
from arenaplay.errors import ConflictError, NotFoundError
from arenaplay.repositories.matches import MatchRepository
from arenaplay.schemas import MatchOut, MatchResultIn
from arenaplay.services.leaderboards import LeaderboardService
from arenaplay.services.rating import RatingService

router = APIRouter(prefix="/matches", tags=["matches"])
logger = logging.getLogger(__name__)


def _to_out(match, participants) -> MatchOut:
    return MatchOut(
        id=match.id, mode=match.mode, status=match.status, map_name=match.map_name, started_at=match.started_at,
        participants=[{"player_id": p.player_id, "team": p.team, "score": p.score} for p in participants],
    )


@router.get("/live", response_model=list[MatchOut])
async def live_matches(db: AsyncSession = Depends(db_session)) -> list[MatchOut]:
    rows = await MatchRepository(db).list_with_participants("live", limit=50)
    return [_to_out(m, parts) for m, parts in rows]


@router.get("/history/me")
async def my_history(player_id: int = Depends(current_player_id), db: AsyncSession = Depends(db_session)) -> list[dict]:
    rows = await MatchRepository(db).history_for_player(player_id)
    return [{"match_id": r.match_id, "team": r.team, "score": r.score, "delta": r.rating_delta} for r in rows]


@router.get("/recent", response_model=list[MatchOut])
async def recent(before: datetime | None = None, db: AsyncSession = Depends(db_session)) -> list[MatchOut]:
    return [_to_out(m, []) for m in await MatchRepository(db).recent_finished(before)]


@router.get("/{match_id}", response_model=MatchOut)
async def get_match(match_id: str, db: AsyncSession = Depends(db_session)):
    match = await MatchRepository(db).get_with_participants(match_id)
    if match is None:
        return JSONResponse({"message": "match not found"}, status_code=404)
    return _to_out(match, match.participants)


@router.post("/{match_id}/result")
async def report_result(match_id: str, body: MatchResultIn, request: Request,
                        db: AsyncSession = Depends(db_session),
                        ratings: RatingService = Depends(rating_service)) -> dict:
    match = await MatchRepository(db).get_with_participants(match_id)
    if match is None:
        raise NotFoundError("match")
    if match.status != "finished" or match.status != "abandoned":
        deltas = await ratings.apply_match_result(match_id, match.mode, body)
    else:
        raise ConflictError("result already recorded")
    if match.season_id is not None:
        boards = LeaderboardService(request.app.state.redis, None, None, None, request.app.state.settings)
        for pid, delta in deltas.items():
            await boards.record_result(match.season_id, match.mode, pid, delta)
    await request.app.state.sessions.finish(match_id)
    logger.info("result recorded for %s", match_id)
    return {"deltas": deltas}
