from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from arenaops.api.deps import current_team, get_container, get_session, require_admin
from arenaops.container import Container
from arenaops.errors import Forbidden
from arenaops.models import Player

router = APIRouter(prefix="/matches", tags=["matches"])


class ResultIn(BaseModel):
    score_a: int = Field(ge=0, le=99)
    score_b: int = Field(ge=0, le=99)


class StartIn(BaseModel):
    player_ids: list[int] = Field(max_length=12)


@router.post("/{match_id}/check-in")
async def check_in(match_id: int, team_id: int = Depends(current_team),
                   container: Container = Depends(get_container),
                   session: AsyncSession = Depends(get_session)) -> dict:
    match = await container.checkin.check_in(session, match_id, team_id)
    return {"match_id": match.id, "a": match.team_a_checked_in, "b": match.team_b_checked_in}


@router.post("/{match_id}/result", dependencies=[Depends(require_admin)])
async def report_result(match_id: int, body: ResultIn, container: Container = Depends(get_container),
                        session: AsyncSession = Depends(get_session)) -> dict:
    match = await container.results.report(session, match_id, body.score_a, body.score_b)
    return {"match_id": match.id, "winner_id": match.winner_id}


@router.post("/{match_id}/start", dependencies=[Depends(require_admin)])
async def start(match_id: int, body: StartIn, container: Container = Depends(get_container),
                session: AsyncSession = Depends(get_session)) -> dict:
    puuids = []
    for player_id in body.player_ids:
        player = await session.get(Player, player_id)
        if player is not None and player.puuid:
            puuids.append(player.puuid)
    verdicts = await container.anticheat.roster_clear(puuids)
    if not all(verdicts.values()):
        raise Forbidden("a player failed the anti-cheat trust check", verdicts=verdicts)
    await container.matchrooms.broadcast(match_id, {"kind": "started"})
    return {"match_id": match_id, "started": True}


@router.post("/{match_id}/pause")
async def pause(match_id: int, team_id: int = Depends(current_team),
                container: Container = Depends(get_container)) -> dict:
    used = await container.matchrooms.request_pause(match_id, team_id)
    return {"pauses_used": used}


@router.get("/{match_id}/scoreboard")
async def scoreboard(match_id: int, container: Container = Depends(get_container)) -> dict:
    return await container.overlays.scoreboard(match_id)
