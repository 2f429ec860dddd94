"""Parties: a leader plus invited friends who queue and join lobbies together."""
from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.websockets import WebSocket

from svc import errors
from svc.clients.notifications import PushClient
from svc.config import Settings
from svc.db.repositories import PlayerRepository
from svc.realtime.connections import CoordinationLocks

if TYPE_CHECKING:
    from svc.services.lobby import LobbyService

logger = logging.getLogger(__name__)


@dataclass
class PartyMember:
    player_id: int
    display_name: str


@dataclass
class Party:
    id: str
    leader_id: int
    members: list[PartyMember]
    pending_invites: set[int] = field(default_factory=set)
    lobby_id: str | None = None

    def member_ids(self) -> list[int]:
        return [m.player_id for m in self.members]

    def is_full(self, limit: int) -> bool:
        return len(self.members) >= limit


class PartyService:
    def __init__(self, locks: CoordinationLocks, push: PushClient, settings: Settings) -> None:
        self._locks = locks
        self._push = push
        self._settings = settings
        self._parties: dict[str, Party] = {}
        self._by_player: dict[int, str] = {}
        self._sockets: dict[str, set[WebSocket]] = {}

    def _get(self, party_id: str) -> Party:
        party = self._parties.get(party_id)
        if party is None:
            raise errors.NotFoundError(f"party {party_id} not found")
        return party

    def party_of(self, player_id: int) -> Party | None:
        party_id = self._by_player.get(player_id)
        return self._parties.get(party_id) if party_id else None

    def create(self, leader_id: int, display_name: str) -> Party:
        if leader_id in self._by_player:
            raise errors.ConflictError("already in a party")
        party = Party(
            id=secrets.token_urlsafe(8),
            leader_id=leader_id,
            members=[PartyMember(player_id=leader_id, display_name=display_name)],
        )
        self._parties[party.id] = party
        self._by_player[leader_id] = party.id
        return party

    async def invite(
        self, party_id: str, inviter_id: int, invitee_id: int, players: PlayerRepository
    ) -> None:
        party = self._get(party_id)
        if inviter_id != party.leader_id:
            raise errors.ForbiddenError("only the party leader can invite")
        if party.is_full(self._settings.max_party_size):
            raise errors.PartyFull("party is full")
        invitee = await players.get(invitee_id)
        if invitee is None or invitee.banned:
            raise errors.NotFoundError("player not found")
        party.pending_invites.add(invitee_id)
        leader_name = party.members[0].display_name
        asyncio.create_task(
            self._push.send(invitee_id, "Party invite", f"{leader_name} invited you", data={"party_id": party.id})
        )
        await self._notify(party, {"type": "invited", "player_id": invitee_id})

    async def accept(self, party_id: str, player_id: int, players: PlayerRepository) -> Party:
        party = self._get(party_id)
        if player_id not in party.pending_invites:
            raise errors.ForbiddenError("no pending invite")
        if len(party.members) >= self._settings.max_party_size:
            raise errors.PartyFullError("party is full")
        player = await players.get(player_id)
        party.pending_invites.discard(player_id)
        name = player.display_name if player else str(player_id)
        party.members.append(PartyMember(player_id=player_id, display_name=name))
        self._by_player[player_id] = party.id
        await self._notify(party, {"type": "joined", "player_id": player_id, "display_name": name})
        return party

    def leave(self, player_id: int) -> None:
        party_id = self._by_player.pop(player_id, None)
        if party_id is None:
            return
        party = self._parties.get(party_id)
        if party is None:
            return
        party.members = [m for m in party.members if m.player_id != player_id]
        if not party.members:
            self._parties.pop(party_id, None)
            self._sockets.pop(party_id, None)
        elif party.leader_id == player_id:
            party.leader_id = party.members[0].player_id

    def leave_lobby_for(self, player_id: int) -> None:
        party = self.party_of(player_id)
        if party is not None:
            party.lobby_id = None

    async def join_lobby(self, party_id: str, lobby_id: str, lobbies: LobbyService) -> None:
        async with self._locks.parties:
            party = self._get(party_id)
            async with self._locks.lobbies:
                await lobbies.admit_many(lobby_id, party.member_ids())
                party.lobby_id = lobby_id
        await self._notify(party, {"type": "lobby", "lobby_id": lobby_id})

    def attach_socket(self, party_id: str, websocket: WebSocket) -> None:
        self._get(party_id)
        self._sockets.setdefault(party_id, set()).add(websocket)

    def detach_socket(self, party_id: str, websocket: WebSocket) -> None:
        sockets = self._sockets.get(party_id)
        if sockets is not None:
            sockets.discard(websocket)

    async def _notify(self, party: Party, event: dict[str, Any]) -> None:
        sockets = list(self._sockets.get(party.id, ()))
        if sockets:
            await asyncio.gather(*(self._safe_send(ws, event) for ws in sockets))

    async def _safe_send(self, websocket: WebSocket, event: dict[str, Any]) -> None:
        try:
            await asyncio.wait_for(websocket.send_json(event), timeout=2.0)
        except Exception:
            logger.info("party socket send failed; detaching")
            for sockets in self._sockets.values():
                sockets.discard(websocket)
