"""Lobbies: pre-match rooms held in Redis; members chat and ready up over websockets."""
from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from redis.asyncio import Redis

from svc.config import Settings
from svc.errors import LobbyFullError, NotFoundError
from svc.realtime.connections import CoordinationLocks, LobbyConnections

if TYPE_CHECKING:
    from svc.services.party import PartyService

logger = logging.getLogger(__name__)

LOBBY_TTL_SECONDS = 2 * 60 * 60

ADMIT_MANY_LUA = """
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local current = redis.call('SCARD', key)
local fresh = 0
for i = 2, #ARGV do
  if redis.call('SISMEMBER', key, ARGV[i]) == 0 then fresh = fresh + 1 end
end
if current + fresh > limit then return 0 end
for i = 2, #ARGV do redis.call('SADD', key, ARGV[i]) end
redis.call('EXPIRE', key, 7200)
return 1
"""


class LobbyService:
    def __init__(
        self,
        redis: Redis,
        connections: LobbyConnections,
        locks: CoordinationLocks,
        settings: Settings,
    ) -> None:
        self.redis = redis
        self.connections = connections
        self.locks = locks
        self.settings = settings
        self._admit_many = redis.register_script(ADMIT_MANY_LUA)

    @staticmethod
    def _members_key(lobby_id: str) -> str:
        return f"lobby:{lobby_id}:members"

    @staticmethod
    def _meta_key(lobby_id: str) -> str:
        return f"lobby:{lobby_id}:meta"

    async def create(self, owner_id: int, mode: str) -> str:
        lobby_id = secrets.token_urlsafe(10)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(self._meta_key(lobby_id), mapping={"owner": owner_id, "mode": mode, "state": "open"})
            pipe.sadd(self._members_key(lobby_id), str(owner_id))
            pipe.expire(self._meta_key(lobby_id), LOBBY_TTL_SECONDS)
            pipe.expire(self._members_key(lobby_id), LOBBY_TTL_SECONDS)
            await pipe.execute()
        return lobby_id

    async def join(self, lobby_id: str, player_id: int) -> int:
        key = self._members_key(lobby_id)
        if not await self.redis.exists(self._meta_key(lobby_id)):
            raise NotFoundError(f"lobby {lobby_id} not found")
        size = await self.redis.scard(key)
        if size >= self.settings.max_lobby_size:
            raise LobbyFullError("lobby is full")
        await self.redis.sadd(key, str(player_id))
        await self.publish_event(lobby_id, {"type": "joined", "player_id": player_id})
        return size + 1

    async def admit_many(self, lobby_id: str, player_ids: list[int]) -> None:
        admitted = await self._admit_many(
            keys=[self._members_key(lobby_id)],
            args=[self.settings.max_lobby_size, *[str(p) for p in player_ids]],
        )
        if not admitted:
            raise LobbyFullError("not enough room for the whole party")
        await self.publish_event(lobby_id, {"type": "party_joined", "player_ids": player_ids})

    async def is_member(self, lobby_id: str, player_id: int) -> bool:
        return bool(await self.redis.sismember(self._members_key(lobby_id), str(player_id)))

    async def members(self, lobby_id: str) -> list[int]:
        return sorted(int(m) for m in await self.redis.smembers(self._members_key(lobby_id)))

    async def set_ready(self, lobby_id: str, player_id: int, ready: bool) -> None:
        await self.redis.hset(f"lobby:{lobby_id}:ready", str(player_id), int(ready))
        await self.publish_event(lobby_id, {"type": "ready", "player_id": player_id, "ready": ready})

    def publish_event(self, lobby_id: str, event: dict[str, Any]) -> Awaitable[None]:
        return self.connections.broadcast(lobby_id, event)

    async def kick(self, lobby_id: str, player_id: int, parties: PartyService) -> None:
        async with self.locks.lobbies:
            await self.redis.srem(self._members_key(lobby_id), str(player_id))
            async with self.locks.parties:
                parties.leave_lobby_for(player_id)
        await self.publish_event(lobby_id, {"type": "kicked", "player_id": player_id})
