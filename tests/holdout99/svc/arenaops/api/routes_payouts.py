from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from arenaops.api.deps import get_container, get_session, require_admin
from arenaops.container import Container
from arenaops.errors import NotFound
from arenaops.models import Player, Tournament

router = APIRouter(prefix="/payouts", tags=["payouts"], dependencies=[Depends(require_admin)])


class AllocationIn(BaseModel):
    placements: list[int]
    roster: dict[int, list[int]]


class ExecuteIn(BaseModel):
    recipient: str
    email: str
    player_id: int


@router.post("/tournaments/{tournament_id}/allocate")
async def allocate(tournament_id: int, body: AllocationIn, container: Container = Depends(get_container),
                   session: AsyncSession = Depends(get_session)) -> dict:
    tournament = await session.get(Tournament, tournament_id)
    if tournament is None:
        raise NotFound("tournament not found")
    await container.payouts.allocate(session, tournament, body.roster, body.placements)
    return {"allocated": True}


@router.post("/{payout_id}/execute")
async def execute(payout_id: int, body: ExecuteIn, container: Container = Depends(get_container),
                  session: AsyncSession = Depends(get_session)) -> dict:
    player = await session.get(Player, body.player_id)
    if player is None:
        raise NotFound("player not found")
    payout = await container.payouts.execute(session, payout_id, body.recipient)
    return {"transfer_id": payout}


@router.post("/{payout_id}/execute-guarded")
async def execute_guarded(payout_id: int, body: ExecuteIn, container: Container = Depends(get_container),
                          session: AsyncSession = Depends(get_session)) -> dict:
    player = await session.get(Player, body.player_id)
    if player is None:
        raise NotFound("player not found")
    cleared = await container.payouts.ensure_tax_form(session, player, body.email, total_cents=0)
    transfer_id = await container.payouts.execute_guarded(session, payout_id, body.recipient)
    return {"transfer_id": transfer_id, "tax_form_on_file": cleared}
