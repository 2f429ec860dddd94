from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from svc.db.models import Player
from svc.deps import current_player, leaderboard_service
from svc.services.leaderboard import LeaderboardRow, LeaderboardService

router = APIRouter(prefix="/leaderboards", tags=["leaderboards"])


@router.get("/{mode}", response_model=list[LeaderboardRow])
async def top(
    mode: str,
    limit: int = Query(100, ge=1, le=100),
    boards: LeaderboardService = Depends(leaderboard_service),
) -> list[LeaderboardRow]:
    return await boards.top(mode, limit)


@router.get("/{mode}/me", response_model=list[LeaderboardRow])
async def around_me(
    mode: str,
    radius: int = Query(5, ge=1, le=25),
    player: Player = Depends(current_player),
    boards: LeaderboardService = Depends(leaderboard_service),
) -> list[LeaderboardRow]:
    return await boards.around_player(mode, player.id, radius)
