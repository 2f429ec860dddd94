"""Public match endpoints: fixtures, live scores, timelines, odds, lineups."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from fastapi import APIRouter, Depends, Query, Response
from starlette.concurrency import run_in_threadpool

from svc.container import Container
from svc.db.models import Match
from svc.deps import get_container

router = APIRouter(prefix="/matches", tags=["matches"])


def _match_dict(match: Match) -> dict[str, Any]:
    return {
        "id": match.id,
        "competition_id": match.competition_id,
        "home_team_id": match.home_team_id,
        "away_team_id": match.away_team_id,
        "kickoff_at": match.kickoff_at.isoformat(),
        "status": match.status,
        "score": [match.home_score, match.away_score],
        "minute": match.minute,
    }


@router.get("/live")
async def live_matches(c: Container = Depends(get_container)) -> list[dict[str, Any]]:
    return [_match_dict(m) for m in await c.matches.list_live()]


@router.get("/day/{day}")
async def matches_on_day(day: date, c: Container = Depends(get_container)) -> list[dict[str, Any]]:
    return [_match_dict(m) for m in await c.matches.list_on_day(day)]


@router.get("/scores")
async def live_scores(
    ids: list[int] = Query(..., max_length=50), c: Container = Depends(get_container)
) -> list[dict[str, Any]]:
    return await c.scores.snapshots(ids)


@router.get("/reference")
async def reference_data(c: Container = Depends(get_container)) -> dict[str, Any]:
    return await c.reference.get()


@router.get("/crests/{team_key}")
async def team_crest(team_key: str, c: Container = Depends(get_container)) -> Response:
    data = await run_in_threadpool(c.beta.fetch_crest_sync, team_key)
    return Response(content=data, media_type="image/png", headers={"Cache-Control": "public, max-age=86400"})


@router.get("/{match_id}")
async def get_match(match_id: int, c: Container = Depends(get_container)) -> dict[str, Any]:
    match = await c.matches.get(match_id)
    names = {
        "home_name": await c.team_names.name(match.home_team_id),
        "away_name": await c.team_names.name(match.away_team_id),
    }
    return {**_match_dict(match), **names, "live": await c.scores.live_score(match_id)}


@router.get("/{match_id}/timeline")
async def match_timeline(
    match_id: int,
    before: datetime | None = None,
    limit: int = Query(50, ge=1, le=200),
    c: Container = Depends(get_container),
) -> dict[str, Any]:
    events = await c.events.timeline_page(match_id, before or datetime.now(timezone.utc), limit)
    items = [
        {
            "type": e.event_type,
            "minute": e.minute,
            "team_id": e.team_id,
            "player_id": e.player_id,
            "at": e.occurred_at.isoformat(),
        }
        for e in events
    ]
    cursor = events[-1].occurred_at.isoformat() if len(events) == limit else None
    return {"items": items, "next_before": cursor}


@router.get("/{match_id}/odds")
async def match_odds(match_id: int, c: Container = Depends(get_container)) -> dict[str, Any]:
    prices = await c.odds_provider.fetch_prices(match_id)
    return {"match_id": match_id, "markets": prices["markets"], "updated_at": prices.get("ts")}


@router.get("/{match_id}/markets")
async def match_markets(match_id: int, c: Container = Depends(get_container)) -> list[dict[str, Any]]:
    return await c.odds.markets_for(match_id)


@router.get("/{match_id}/lineup")
async def match_lineup(match_id: int, c: Container = Depends(get_container)) -> dict[str, Any]:
    match = await c.matches.get(match_id)
    return await c.ingest.lineup(match)
