"""Matchmaking, lobbies, match results and the real-time sockets."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Depends, Request, WebSocket, WebSocketDisconnect, status
from pydantic import BaseModel, Field
from redis.asyncio import Redis

from svc.api.deps import (
    current_player_id,
    get_leaderboard,
    get_lobby_service,
    get_main_redis,
    get_match_repo,
    get_matchmaking,
    get_players_repo,
    get_presence_redis,
    get_queue_hub,
    require_game_server,
)
from svc.clients.geo import lookup_region
from svc.config import get_settings
from svc.db.match_repo import MatchRepository, ParticipantResult
from svc.db.players_repo import PlayersRepository
from svc.realtime import QueueStatusHub
from svc.security import decode_player_token, decode_player_token_or_none
from svc.services.leaderboard import LeaderboardService
from svc.services.lobby import LobbyService
from svc.services.matchmaking import MatchmakingService

logger = logging.getLogger(__name__)
router = APIRouter(tags=["play"])


class QueueRequest(BaseModel):
    mode: Literal["duel", "squad", "ranked"]


class LobbyRequest(BaseModel):
    mode: Literal["duel", "squad", "ranked"]


class MatchResultIn(BaseModel):
    mode: str
    region: str
    season_id: int
    started_at: datetime
    ended_at: datetime
    participants: list[ParticipantResult] = Field(min_length=2, max_length=20)


def _client_ip(request: Request) -> str:
    return request.client.host if request.client else "0.0.0.0"


@router.post("/matchmaking/queue", status_code=status.HTTP_202_ACCEPTED)
async def join_queue(
    body: QueueRequest,
    request: Request,
    player_id: int = Depends(current_player_id),
    matchmaking: MatchmakingService = Depends(get_matchmaking),
) -> dict[str, str]:
    ticket = await matchmaking.enqueue(player_id, body.mode, _client_ip(request))
    return {"mode": ticket.mode, "region": ticket.region}


@router.delete("/matchmaking/queue", status_code=status.HTTP_204_NO_CONTENT)
async def leave_queue(
    player_id: int = Depends(current_player_id), matchmaking: MatchmakingService = Depends(get_matchmaking)
) -> None:
    await matchmaking.cancel(player_id)


@router.get("/matchmaking/region")
def detect_region(request: Request) -> dict[str, str]:
    return {"region": lookup_region(_client_ip(request))}


@router.post("/matches/{match_id}/results", status_code=204, dependencies=[Depends(require_game_server)])
async def submit_results(
    match_id: uuid.UUID,
    body: MatchResultIn,
    matches: MatchRepository = Depends(get_match_repo),
    leaderboard: LeaderboardService = Depends(get_leaderboard),
    players: PlayersRepository = Depends(get_players_repo),
) -> None:
    await matches.record_match(
        match_id,
        mode=body.mode,
        region=body.region,
        season_id=body.season_id,
        started_at=body.started_at,
        ended_at=body.ended_at,
        participants=body.participants,
    )
    for participant in body.participants:
        await leaderboard.submit_score(participant.player_id, body.season_id, body.mode, participant.score, multiplier=1.0)
    await players.touch_last_played([p.player_id for p in body.participants])


@router.post("/presence/heartbeat", status_code=204)
async def presence_heartbeat(
    player_id: int = Depends(current_player_id), presence: Redis = Depends(get_presence_redis)
) -> None:
    await presence.set(f"presence:{player_id}", "1", ex=90)


@router.post("/lobbies", status_code=201)
async def create_lobby(
    body: LobbyRequest,
    player_id: int = Depends(current_player_id),
    lobbies: LobbyService = Depends(get_lobby_service),
) -> dict[str, str]:
    return await lobbies.create(player_id, body.mode)


@router.post("/lobbies/{lobby_id}/join")
async def join_lobby(
    lobby_id: str, player_id: int = Depends(current_player_id), lobbies: LobbyService = Depends(get_lobby_service)
) -> dict[str, int]:
    return {"members": await lobbies.join(lobby_id, player_id)}


@router.websocket("/ws/queue")
async def queue_status_socket(websocket: WebSocket, hub: QueueStatusHub = Depends(get_queue_hub)) -> None:
    player_id = decode_player_token(websocket.query_params.get("token", ""))
    await websocket.accept()
    hub.connections[player_id] = websocket
    while True:
        message = await websocket.receive_json()
        if message.get("type") == "ping":
            await websocket.send_json({"type": "pong"})


@router.websocket("/ws/lobbies/{lobby_id}")
async def lobby_socket(
    websocket: WebSocket, lobby_id: str, lobbies: LobbyService = Depends(get_lobby_service)
) -> None:
    settings = get_settings()
    player_id = decode_player_token_or_none(websocket.query_params.get("token"))
    if player_id is None or not await lobbies.is_member(lobby_id, player_id):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if lobbies.connection_count() >= settings.max_ws_connections:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    await lobbies.attach(lobby_id, player_id, websocket)
    try:
        while True:
            raw = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout)
            if len(raw) > settings.ws_max_message_bytes:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            await lobbies.handle_message(lobby_id, player_id, json.loads(raw))
    except (WebSocketDisconnect, asyncio.TimeoutError, json.JSONDecodeError) as exc:
        logger.debug("lobby socket for player %s closed: %r", player_id, exc)
    finally:
        await lobbies.detach(lobby_id, player_id, websocket)


@router.websocket("/ws/matches/{match_id}/spectate")
async def spectate_socket(websocket: WebSocket, match_id: uuid.UUID, redis: Redis = Depends(get_main_redis)) -> None:
    await websocket.accept()
    pubsub = redis.pubsub()
    await pubsub.subscribe(f"match:{match_id}:events")
    try:
        async for message in pubsub.listen():
            if message["type"] == "message":
                await websocket.send_text(message["data"])
    except WebSocketDisconnect:
        return
