"""Room hub: local sockets, fan-out through redis pub/sub."""
import json

from redis.asyncio import Redis
from starlette.websockets import WebSocket

from chatroom.limits import MessageThrottle, SharedThrottle, UpstreamBreaker


class RoomHub:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._sockets: dict[str, list[WebSocket]] = {}
        self.throttle = MessageThrottle(per_window=20)  # expect: horizontal-scaling-blocker
        self.shared = SharedThrottle(redis, per_window=100)
        self.breaker = UpstreamBreaker()

    def attach(self, room: str, ws: WebSocket) -> None:
        self._sockets.setdefault(room, []).append(ws)

    def detach(self, room: str, ws: WebSocket) -> None:
        sockets = self._sockets.get(room, [])
        if ws in sockets:
            sockets.remove(ws)

    async def publish(self, room: str, text: str) -> None:
        await self._redis.publish(f"room:{room}", json.dumps({"text": text}))

    async def relay(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe("room:*")
        async for message in pubsub.listen():
            if message.get("type") != "pmessage":
                continue
            room = str(message["channel"]).removeprefix("room:")
            for ws in list(self._sockets.get(room, [])):
                await ws.send_text(message["data"])
