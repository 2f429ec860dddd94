"""Agent presence, ticket viewers and the soft edit lock shown in the console."""
from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from datetime import UTC, datetime

from redis.asyncio import Redis

from svc import errors
from svc.config import Settings

PRESENCE_TTL_SECONDS = 90
EDIT_LOCK_SECONDS = 30

RELEASE_LOCK_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class PresenceService:
    def __init__(self, settings: Settings) -> None:
        self._redis = Redis(
            host=settings.presence_redis_host,
            port=settings.presence_redis_port,
            socket_timeout=1.0,
            socket_connect_timeout=1.0,
            decode_responses=True,
        )
        self._online: dict[int, datetime] = {}
        self._roster_lock = asyncio.Lock()
        self._viewers_lock = asyncio.Lock()
        self._viewers: dict[int, set[int]] = defaultdict(set)

    async def close(self) -> None:
        await self._redis.aclose()

    async def heartbeat(self, org_id: int, agent_id: int) -> None:
        now = datetime.now(UTC)
        self._online[agent_id] = now
        await self._redis.zadd(f"presence:{org_id}", {str(agent_id): now.timestamp()})

    async def online_agents(self, org_id: int) -> list[int]:
        cutoff = time.time() - PRESENCE_TTL_SECONDS
        members = await self._redis.zrangebyscore(f"presence:{org_id}", cutoff, "+inf")
        return [int(member) for member in members]

    async def go_offline(self, org_id: int, agent_id: int) -> None:
        async with self._roster_lock, self._viewers_lock:
            self._online.pop(agent_id, None)
            for viewers in self._viewers.values():
                viewers.discard(agent_id)
        await self._redis.zrem(f"presence:{org_id}", str(agent_id))

    async def start_viewing(self, agent_id: int, ticket_id: int) -> list[int]:
        async with self._viewers_lock:
            self._viewers[ticket_id].add(agent_id)
            await self._redis.sadd(f"viewing:{ticket_id}", str(agent_id))
            async with self._roster_lock:
                return [viewer for viewer in self._viewers[ticket_id] if viewer in self._online]

    async def claim_edit(self, ticket_id: int, agent_id: int) -> bool:
        key = f"editing:{ticket_id}"
        current = await self._redis.get(key)
        if current is None or int(current) == agent_id:
            await self._redis.set(key, agent_id, ex=EDIT_LOCK_SECONDS)
            return True
        return False

    async def release_edit(self, ticket_id: int, agent_id: int) -> None:
        await self._redis.eval(RELEASE_LOCK_SCRIPT, 1, f"editing:{ticket_id}", str(agent_id))

    async def require_editor(self, ticket_id: int, agent_id: int) -> None:
        holder = await self._redis.get(f"editing:{ticket_id}")
        if holder is not None and int(holder) != agent_id:
            raise errors.TicketLockedError(f"ticket {ticket_id} is being edited by agent {holder}")
