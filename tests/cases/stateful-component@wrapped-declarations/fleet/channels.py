"""Live agent connections of this process, and what the dashboard asked them for."""
from __future__ import annotations

import asyncio
from collections import defaultdict
from uuid import UUID

from fastapi import WebSocket


class AgentConnection:
    def __init__(self, websocket: WebSocket, agent_id: UUID) -> None:
        self.websocket = websocket
        self.agent_id = agent_id


class AgentRegistry:
    def __init__(self) -> None:
        self._connections_by_pool: defaultdict[
            UUID, list[AgentConnection]
        ] = defaultdict(list)
        self._wakeups_by_pool: dict[
            UUID, asyncio.Event
        ] = {}
        self._requested_by_pool: dict[UUID, list[str]] = {}  # expect: stateful-component

    async def register(self, pool_id: UUID, connection: AgentConnection) -> None:
        self._connections_by_pool[pool_id].append(connection)
        self._wakeups_by_pool.setdefault(pool_id, asyncio.Event()).set()

    async def unregister(self, pool_id: UUID, connection: AgentConnection) -> None:
        self._connections_by_pool[pool_id].remove(connection)

    async def wake(self, pool_id: UUID) -> bool:
        event = self._wakeups_by_pool.setdefault(pool_id, asyncio.Event())
        event.set()
        live = [c for c in self._connections_by_pool.get(pool_id, []) if c.websocket.client_state.value == 1]
        self._connections_by_pool[pool_id] = live
        return bool(live)

    async def request(self, pool_id: UUID, command: str) -> None:
        self._requested_by_pool.setdefault(pool_id, []).append(command)

    async def requested(self, pool_id: UUID) -> list[str]:
        return list(self._requested_by_pool.get(pool_id, []))


registry = AgentRegistry()
