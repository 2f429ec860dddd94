from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from arenaplay.dependencies import current_player_id, leaderboard_service
from arenaplay.errors import NotFoundError
from arenaplay.schemas import LeaderboardEntry
from arenaplay.services.leaderboards import LeaderboardService
from arenaplay.services.seasons import current_season

router = APIRouter(prefix="/leaderboards", tags=["leaderboards"])


@router.get("/{mode}", response_model=list[LeaderboardEntry])
async def board(mode: str, offset: int = Query(0, ge=0), limit: int = Query(50, ge=1, le=100),
                svc: LeaderboardService = Depends(leaderboard_service)) -> list[LeaderboardEntry]:
    season = await current_season()
    if season is None:
        raise NotFoundError("no active season")
    return await svc.top_page(season.id, mode, offset, limit)


@router.get("/{mode}/me", response_model=list[LeaderboardEntry])
async def around_me(mode: str, player_id: int = Depends(current_player_id),
                    svc: LeaderboardService = Depends(leaderboard_service)) -> list[LeaderboardEntry]:
    season = await current_season()
    if season is None:
        raise NotFoundError("no active season")
    return await svc.around_player(season.id, mode, player_id)
