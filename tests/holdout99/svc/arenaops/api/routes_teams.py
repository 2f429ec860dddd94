from __future__ import annotations

import csv
import io
from pathlib import Path

from fastapi import APIRouter, Depends, Query
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from arenaops.api.deps import get_container, get_session, require_admin
from arenaops.container import Container
from arenaops.repositories.teams import TeamRepository

router = APIRouter(prefix="/teams", tags=["teams"])


class LinkRequest(BaseModel):
    player_id: int
    code: str
    redirect_uri: str


@router.get("/search")
async def search(q: str = Query(min_length=2), container: Container = Depends(get_container)) -> list[dict]:
    rows = await container.team_search.search_teams(q)
    return [dict(r) for r in rows]


@router.get("/tournament/{tournament_id}/rosters")
async def rosters(tournament_id: int, session: AsyncSession = Depends(get_session)) -> list[dict]:
    repo = TeamRepository(session)
    out = []
    for team in await repo.registered_teams(tournament_id):
        team_players = await repo.players_for_team(team.id)
        out.append({"team": team.name, "tag": team.tag, "players": [p.handle for p in team_players]})
    return out


@router.get("/rosters")
async def rosters_by_ids(ids: list[int] = Query(...), session: AsyncSession = Depends(get_session)) -> list[dict]:
    teams = await TeamRepository(session).with_members(ids)
    return [{"team": t.name, "players": [m.player.handle for m in t.members]} for t in teams]


@router.post("/link")
async def link(body: LinkRequest, container: Container = Depends(get_container),
               session: AsyncSession = Depends(get_session)) -> dict:
    player = await container.accounts.link_account(session, body.player_id, body.code, body.redirect_uri)
    await session.commit()
    return {"player_id": player.id, "puuid": player.puuid, "rank": player.publisher_rank}


@router.get("/export/{organizer_slug}.csv", dependencies=[Depends(require_admin)])
def export_roster_sheet(organizer_slug: str) -> PlainTextResponse:
    sheet = Path("exports") / f"{organizer_slug}.csv"
    buf = io.StringIO()
    writer = csv.writer(buf)
    with sheet.open(newline="") as fh:
        for row in csv.reader(fh):
            writer.writerow(row)
    return PlainTextResponse(buf.getvalue(), media_type="text/csv")
