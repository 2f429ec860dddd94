"""Queueing, parties and match results reported by game servers."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Player
from svc.db.repositories import PlayerRepository
from svc.deps import current_player, get_session, lobby_service, matchmaking_service, require_game_server
from svc.errors import ForbiddenError
from svc.services.lobby import LobbyService
from svc.services.matchmaking import MatchmakingService, MatchResultIn, Ticket

router = APIRouter(tags=["matchmaking"])


class QueueRequest(BaseModel):
    mode: str = "ranked"


class InviteRequest(BaseModel):
    player_id: int


@router.post("/matchmaking/queue", response_model=Ticket)
async def join_queue(
    body: QueueRequest,
    request: Request,
    player: Player = Depends(current_player),
    mm: MatchmakingService = Depends(matchmaking_service),
) -> Ticket:
    party = request.app.state.parties.party_of(player.id)
    if party is not None and party.leader_id != player.id:
        raise ForbiddenError("only the party leader can queue")
    client_ip = request.headers.get("x-forwarded-for", request.client.host if request.client else "")
    return await mm.enqueue(player, body.mode, client_ip.split(",")[0].strip(), party.id if party else None)


@router.delete("/matchmaking/queue")
async def leave_queue(
    player: Player = Depends(current_player), mm: MatchmakingService = Depends(matchmaking_service)
) -> dict:
    return {"cancelled": await mm.cancel(player.id)}


@router.post("/matches/{match_id}/result", dependencies=[Depends(require_game_server)])
async def report_result(
    match_id: int, body: MatchResultIn, mm: MatchmakingService = Depends(matchmaking_service)
) -> dict:
    match = await mm.record_result(match_id, body)
    return {"match_id": match.id, "status": match.status}


@router.post("/parties", status_code=201)
async def create_party(request: Request, player: Player = Depends(current_player)) -> dict:
    party = request.app.state.parties.create(player.id, player.display_name)
    return {"party_id": party.id}


@router.post("/parties/{party_id}/invites", status_code=202)
async def invite(
    party_id: str,
    body: InviteRequest,
    request: Request,
    player: Player = Depends(current_player),
    session: AsyncSession = Depends(get_session),
) -> dict:
    await request.app.state.parties.invite(party_id, player.id, body.player_id, PlayerRepository(session))
    return {"invited": body.player_id}


@router.post("/parties/{party_id}/accept")
async def accept_invite(
    party_id: str,
    request: Request,
    player: Player = Depends(current_player),
    session: AsyncSession = Depends(get_session),
) -> dict:
    party = await request.app.state.parties.accept(party_id, player.id, PlayerRepository(session))
    return {"party_id": party.id, "members": party.member_ids()}


@router.post("/parties/{party_id}/lobby/{lobby_id}")
async def party_join_lobby(
    party_id: str,
    lobby_id: str,
    request: Request,
    player: Player = Depends(current_player),
    lobbies: LobbyService = Depends(lobby_service),
) -> dict:
    parties = request.app.state.parties
    party = parties.party_of(player.id)
    if party is None or party.id != party_id or party.leader_id != player.id:
        raise ForbiddenError("only the party leader can move the party")
    await parties.join_lobby(party_id, lobby_id, lobbies)
    return {"lobby_id": lobby_id}


@router.post("/lobbies", status_code=201)
async def create_lobby(
    body: QueueRequest, player: Player = Depends(current_player), lobbies: LobbyService = Depends(lobby_service)
) -> dict:
    return {"lobby_id": await lobbies.create(player.id, body.mode)}


@router.post("/lobbies/{lobby_id}/join")
async def join_lobby(
    lobby_id: str, player: Player = Depends(current_player), lobbies: LobbyService = Depends(lobby_service)
) -> dict:
    size = await lobbies.join(lobby_id, player.id)
    return {"lobby_id": lobby_id, "members": size}


@router.delete("/lobbies/{lobby_id}/members/{member_id}")
async def kick_member(
    lobby_id: str,
    member_id: int,
    request: Request,
    player: Player = Depends(current_player),
    lobbies: LobbyService = Depends(lobby_service),
) -> dict:
    meta = await request.app.state.redis.hgetall(f"lobby:{lobby_id}:meta")
    if int(meta.get("owner", 0)) != player.id:
        raise ForbiddenError("only the lobby owner can kick")
    await lobbies.kick(lobby_id, member_id, request.app.state.parties)
    return {"kicked": member_id}
