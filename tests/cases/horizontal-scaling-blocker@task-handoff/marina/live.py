"""Live berth and weather updates for harbour-master screens, one registry per process."""
import asyncio
import json
from collections import defaultdict
from dataclasses import dataclass, field

from fastapi import WebSocket
from redis.asyncio import Redis


@dataclass(eq=False)
class Viewer:
    berth_id: int
    inbox: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=100))


class BerthFeed:
    def __init__(self) -> None:
        self._viewers: dict[int, set[Viewer]] = defaultdict(set)  # expect: horizontal-scaling-blocker

    def watch(self, berth_id: int) -> Viewer:
        viewer = Viewer(berth_id)
        self._viewers[berth_id].add(viewer)
        return viewer

    def unwatch(self, viewer: Viewer) -> None:
        self._viewers[viewer.berth_id].discard(viewer)

    async def push(self, berth_id: int, event: dict) -> None:
        for viewer in tuple(self._viewers.get(berth_id, ())):
            viewer.inbox.put_nowait(event)


class WeatherBoard:
    def __init__(self) -> None:
        self.screens: list[WebSocket] = []  # expect: horizontal-scaling-blocker

    def add(self, ws: WebSocket) -> None:
        self.screens.append(ws)

    async def announce(self, warning: dict) -> None:
        for ws in list(self.screens):
            await ws.send_json(warning)


class TideBoard:
    """Fed only by the Redis channel every process listens to: each process tells its own screens."""

    def __init__(self) -> None:
        self.screens: list[WebSocket] = []

    def add(self, ws: WebSocket) -> None:
        self.screens.append(ws)

    async def show(self, tide: dict) -> None:
        for ws in list(self.screens):
            await ws.send_json(tide)

    async def relay(self, redis: Redis) -> None:
        pubsub = redis.pubsub()
        await pubsub.subscribe("tides")
        async for message in pubsub.listen():
            if message["type"] == "message":
                asyncio.create_task(self.show(json.loads(message["data"])))


@dataclass
class Harbour:
    redis: Redis
    berths: BerthFeed = field(default_factory=BerthFeed)
    weather: WeatherBoard = field(default_factory=WeatherBoard)
    tides: TideBoard = field(default_factory=TideBoard)
