"""Historical stats API. Expensive queries sit behind a shared rate limit."""
from __future__ import annotations

import os
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from svc.config import settings
from svc.container import Container
from svc.deps import client_ip, get_container

STATS_REQUESTS_PER_MINUTE = 30


async def stats_rate_limit(request: Request, c: Container = Depends(get_container)) -> None:
    if not await c.stats_limiter.hit(f"stats:{client_ip(request)}", STATS_REQUESTS_PER_MINUTE):
        raise HTTPException(status_code=429, detail="stats rate limit exceeded")


router = APIRouter(prefix="/stats", tags=["stats"], dependencies=[Depends(stats_rate_limit)])


@router.get("/teams/{team_id}/seasons/{season_id}")
async def team_season(team_id: int, season_id: int, c: Container = Depends(get_container)) -> dict[str, Any]:
    return await c.stats.team_season_summary(team_id, season_id)


@router.get("/players/{player_id}/form")
async def player_form(player_id: int, season_id: int, c: Container = Depends(get_container)) -> dict[str, Any]:
    return await c.stats.player_form(player_id, season_id)


@router.get("/search")
async def search(q: str = Query(..., min_length=2, max_length=60), c: Container = Depends(get_container)) -> dict[str, Any]:
    return await c.stats.search(q)


@router.get("/seasons/{season_id}/top-attack")
async def top_attack(
    season_id: int, limit: int = Query(10, ge=1, le=50), c: Container = Depends(get_container)
) -> list[dict[str, Any]]:
    return await c.stats.top_attack(season_id, limit)


@router.get("/h2h")
async def head_to_head(
    team_a: int, team_b: int, years: int = Query(10, ge=1, le=30), c: Container = Depends(get_container)
) -> list[dict[str, Any]]:
    return await c.stats.head_to_head(team_a, team_b, years)


@router.post("/seasons/{season_id}/export", status_code=201)
async def export_season(season_id: int, c: Container = Depends(get_container)) -> dict[str, Any]:
    return await c.stats.export_season(season_id)


@router.get("/seasons/{season_id}/archive")
def season_archive(season_id: int) -> Response:
    path = os.path.join(settings.export_dir, f"season-{season_id}.csv.gz")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise HTTPException(status_code=404, detail="export not found; POST .../export first") from None
    return Response(content=data, media_type="application/gzip")
