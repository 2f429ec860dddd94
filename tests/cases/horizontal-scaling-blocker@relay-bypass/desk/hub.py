"""Sockets per process, fed by a Redis channel every process listens to."""
import json

from fastapi import WebSocket
from redis.asyncio import Redis


class DeskHub:
    def __init__(self) -> None:
        self.agents: dict[int, WebSocket] = {}

    def attach(self, agent_id: int, ws: WebSocket) -> None:
        self.agents[agent_id] = ws

    async def tell(self, agent_id: int, event: dict) -> None:
        ws = self.agents.get(agent_id)
        if ws is not None:
            await ws.send_json(event)


hub = DeskHub()


async def relay(redis: Redis) -> None:
    pubsub = redis.pubsub()
    await pubsub.subscribe("desk-events")
    async for message in pubsub.listen():
        if message["type"] == "message":
            event = json.loads(message["data"])
            await hub.tell(event.pop("agent_id"), event)
