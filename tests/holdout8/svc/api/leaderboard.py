"""Leaderboards, player search and match history."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from svc.api.deps import current_player_id, get_leaderboard, get_match_repo, get_players_repo, require_admin
from svc.db.match_repo import MatchRepository
from svc.db.players_repo import PlayerProfile, PlayersRepository
from svc.errors import NotFoundError
from svc.services.leaderboard import LeaderboardEntry, LeaderboardService, SeasonSummary
from svc.services.seasons import current_season_id

router = APIRouter(tags=["leaderboards"])


@router.get("/leaderboards/snapshot")
def leaderboard_snapshot(leaderboard: LeaderboardService = Depends(get_leaderboard)) -> list[LeaderboardEntry]:
    return list(leaderboard.snapshot())


@router.get("/leaderboards/{mode}")
async def top_players(
    mode: str,
    season_id: int | None = None,
    limit: int = Query(50, le=100),
    leaderboard: LeaderboardService = Depends(get_leaderboard),
) -> list[LeaderboardEntry]:
    return await leaderboard.top(season_id or current_season_id(), mode, limit)


@router.get("/leaderboards/{mode}/me")
async def around_me(
    mode: str,
    player_id: int = Depends(current_player_id),
    leaderboard: LeaderboardService = Depends(get_leaderboard),
) -> list[LeaderboardEntry]:
    return await leaderboard.around(current_season_id(), mode, player_id)


@router.get("/leaderboards/{mode}/summary")
async def season_summary(mode: str, leaderboard: LeaderboardService = Depends(get_leaderboard)) -> SeasonSummary:
    return await leaderboard.summary(current_season_id(), mode)


@router.post("/leaderboards/{mode}/snapshot", status_code=204, dependencies=[Depends(require_admin)])
async def rebuild_snapshot(mode: str, leaderboard: LeaderboardService = Depends(get_leaderboard)) -> None:
    await leaderboard.rebuild_snapshot(current_season_id(), mode)


@router.post("/leaderboards/{mode}/snapshot/publish", status_code=204, dependencies=[Depends(require_admin)])
async def publish_snapshot(mode: str, leaderboard: LeaderboardService = Depends(get_leaderboard)) -> None:
    await leaderboard.publish_snapshot(current_season_id(), mode)


@router.get("/players/search")
async def search_players(
    q: str = Query(..., min_length=3, max_length=32), players: PlayersRepository = Depends(get_players_repo)
) -> list[PlayerProfile]:
    return await players.search(q)


@router.get("/players/by-name/{username}")
async def player_by_name(username: str, players: PlayersRepository = Depends(get_players_repo)) -> PlayerProfile:
    profile = await players.by_username(username)
    if profile is None:
        raise NotFoundError("player not found")
    return profile


@router.get("/players/{player_id}/matches")
async def match_history(
    player_id: int, page: int = Query(0, ge=0), matches: MatchRepository = Depends(get_match_repo)
) -> list[dict[str, Any]]:
    return [dict(row) for row in await matches.history_page(player_id, page)]
