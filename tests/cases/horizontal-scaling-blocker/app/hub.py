"""WebSocket hub: one registry per process."""
import json

import redis.asyncio as redis
from fastapi import WebSocket


class Hub:
    def __init__(self) -> None:
        self.clients: dict[str, WebSocket] = {}

    def join(self, user: str, websocket: WebSocket) -> None:
        self.clients[user] = websocket

    async def notify_all(self, message: dict) -> None:
        for websocket in list(self.clients.values()):
            await websocket.send_json(message)


async def relay(hub: Hub, cache: redis.Redis) -> None:
    pubsub = cache.pubsub()
    await pubsub.subscribe("announcements")
    while True:
        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=5)
        if message:
            await hub.notify_all(json.loads(message["data"]))
