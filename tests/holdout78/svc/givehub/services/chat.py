from __future__ import annotations

import asyncio
import logging
from collections import defaultdict

from fastapi import WebSocket

from ..db.connections import PgPool

logger = logging.getLogger(__name__)


class ChatRepository:
    def __init__(self, pg: PgPool) -> None:
        self._pg = pg

    async def append(self, conversation_id: str, sender: str, body: str) -> int:
        async with self._pg.connection() as conn:
            return await conn.fetchval(
                "INSERT INTO chat_messages (conversation_id, sender, body) VALUES ($1, $2, $3) RETURNING id",
                conversation_id, sender, body,
            )

    async def history(self, conversation_id: str, limit: int = 50) -> list[dict]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, sender, body, created_at FROM chat_messages WHERE conversation_id = $1 "
                "ORDER BY id DESC LIMIT $2",
                conversation_id, limit,
            )
        return [dict(r) for r in reversed(rows)]


class AgentOutbox:
    """Bounded per-agent send queue so one slow agent browser cannot stall routing."""

    def __init__(self, websocket: WebSocket, maxsize: int = 200) -> None:
        self.websocket = websocket
        self.queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=maxsize)
        self.dropped = 0

    def offer(self, message: dict) -> None:
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            self.dropped += 1

    async def pump(self) -> None:
        while True:
            message = await self.queue.get()
            await self.websocket.send_json(message)


class SupportChatRouter:
    """Routes donor support messages to whichever agent has picked up the conversation."""

    def __init__(self, repo: ChatRepository) -> None:
        self._repo = repo
        self._agents: dict[str, AgentOutbox] = {}
        self._assignments: dict[str, str] = {}
        self._donor_sockets: defaultdict[str, list[WebSocket]] = defaultdict(list)

    def agent_online(self, agent_id: str, outbox: AgentOutbox) -> None:
        self._agents[agent_id] = outbox

    def agent_offline(self, agent_id: str) -> None:
        self._agents.pop(agent_id, None)
        for conversation_id, assigned in list(self._assignments.items()):
            if assigned == agent_id:
                del self._assignments[conversation_id]

    def donor_joined(self, conversation_id: str, websocket: WebSocket) -> None:
        self._donor_sockets[conversation_id].append(websocket)

    def assign(self, conversation_id: str, agent_id: str) -> None:
        self._assignments[conversation_id] = agent_id

    async def from_donor(self, conversation_id: str, body: str) -> None:
        message_id = await self._repo.append(conversation_id, "donor", body)
        agent_id = self._assignments.get(conversation_id)
        outbox = self._agents.get(agent_id) if agent_id else None
        message = {"conversation_id": conversation_id, "id": message_id, "body": body}
        if outbox is None:
            # Unassigned: offer to every online agent.
            for candidate in self._agents.values():
                candidate.offer(message)
            return
        outbox.offer(message)

    async def from_agent(self, conversation_id: str, agent_id: str, body: str) -> None:
        message_id = await self._repo.append(conversation_id, f"agent:{agent_id}", body)
        for websocket in self._donor_sockets.get(conversation_id, []):
            await websocket.send_json({"id": message_id, "from": "agent", "body": body})

    async def history(self, conversation_id: str) -> list[dict]:
        return await self._repo.history(conversation_id)
