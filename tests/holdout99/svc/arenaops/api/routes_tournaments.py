from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from arenaops.api.deps import current_team, get_container, get_session, require_admin
from arenaops.container import Container
from arenaops.errors import NotFound
from arenaops.models import Tournament
from arenaops.repositories.teams import TeamRepository
from arenaops.services.seeding import Entrant

router = APIRouter(prefix="/tournaments", tags=["tournaments"])


class RegistrationOut(BaseModel):
    tournament_id: int
    team_id: int


@router.post("/{tournament_id}/register", response_model=RegistrationOut)
async def register(tournament_id: int, team_id: int = Depends(current_team),
                   container: Container = Depends(get_container),
                   session: AsyncSession = Depends(get_session)) -> RegistrationOut:
    reg = await container.registration.register(session, tournament_id, team_id)
    return RegistrationOut(tournament_id=reg.tournament_id, team_id=reg.team_id)


@router.post("/{tournament_id}/brackets", dependencies=[Depends(require_admin)])
async def build_brackets(tournament_id: int, container: Container = Depends(get_container),
                         session: AsyncSession = Depends(get_session)) -> dict:
    tournament = await session.get(Tournament, tournament_id)
    if tournament is None:
        raise NotFound("tournament not found")
    teams = await TeamRepository(session).registered_teams(tournament_id)
    entrants = [Entrant(team_id=t.id, rating=t.rating) for t in teams]
    brackets = await container.brackets.generate(session, tournament, entrants)
    await session.commit()
    return {"brackets": [b.id for b in brackets]}


@router.get("/{tournament_id}/bracket")
async def bracket(tournament_id: int, container: Container = Depends(get_container),
                  session: AsyncSession = Depends(get_session)) -> dict:
    return await container.brackets.snapshot(session, tournament_id)


@router.get("/brackets/{bracket_id}/odds")
async def odds(bracket_id: int, container: Container = Depends(get_container),
               session: AsyncSession = Depends(get_session)) -> dict:
    return {"odds": await container.brackets.odds_inline(session, bracket_id)}


@router.get("/brackets/{bracket_id}/odds/precise")
async def odds_precise(bracket_id: int, container: Container = Depends(get_container),
                       session: AsyncSession = Depends(get_session)) -> dict:
    return {"odds": await container.brackets.odds(session, bracket_id)}


@router.get("/{tournament_id}/schedule")
async def schedule(tournament_id: int, container: Container = Depends(get_container),
                   session: AsyncSession = Depends(get_session)) -> list[dict]:
    return await container.scheduling.day_plan(session, tournament_id)


@router.get("/rankings/{region}")
async def rankings(region: str, container: Container = Depends(get_container)) -> list[dict]:
    top = await container.rankings.top(region)
    return [{"team_id": team_id, "points": pts} for team_id, pts in top]
