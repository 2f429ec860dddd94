"""Messages for one driver go through redis; each replica delivers to the sockets it holds."""
import json

import redis.asyncio as redis

from courier.sockets import DRIVER_SOCKETS


class Relay:
    def __init__(self) -> None:
        self._redis = redis.Redis()

    async def publish(self, driver_id: int, text: str) -> None:
        await self._redis.publish("driver-messages", json.dumps({"driver": driver_id, "text": text}))

    async def listen(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe("driver-messages")
        async for message in pubsub.listen():
            if message["type"] != "message":
                continue
            body = json.loads(message["data"])
            socket = DRIVER_SOCKETS.get(body["driver"])
            if socket is not None:
                await socket.send_text(body["text"])
