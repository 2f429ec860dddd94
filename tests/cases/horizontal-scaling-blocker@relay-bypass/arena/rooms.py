"""Match rooms: only the channel listener sends to the sockets."""
import json

from fastapi import WebSocket
from redis.asyncio import Redis


class Rooms:
    def __init__(self) -> None:
        self.players: dict[str, list[WebSocket]] = {}

    def join(self, room: str, ws: WebSocket) -> None:
        self.players.setdefault(room, []).append(ws)

    async def deliver(self, room: str, event: dict) -> None:
        for ws in list(self.players.get(room, [])):
            await ws.send_json(event)


rooms = Rooms()


async def listen(redis: Redis) -> None:
    pubsub = redis.pubsub()
    await pubsub.psubscribe("room:*")
    async for message in pubsub.listen():
        if message["type"] == "pmessage":
            await rooms.deliver(message["channel"].split(":", 1)[1], json.loads(message["data"]))
