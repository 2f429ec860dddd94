import asyncio
import copy
import json
from typing import Any


def pack(value: Any) -> bytes:
    return json.dumps(value).encode()


class Room:
    def __init__(self) -> None:
        self.state: dict[str, Any] = {"players": {}, "scores": {}}
        self.tick = 0


class RoomFeed:
    def __init__(self, redis: Any) -> None:
        self._redis = redis

    async def frame(self, room: Room) -> bytes:
        room.tick += 1
        snapshot = copy.deepcopy(room.state)  # expect: unnecessary-copy
        snapshot["tick"] = room.tick
        return pack(snapshot)

    async def frame_masked(self, room: Room) -> bytes:
        # look-alike: a nested value of the copy is changed, the deep copy keeps the room's own untouched
        snapshot = copy.deepcopy(room.state)
        snapshot["players"].clear()
        snapshot["tick"] = room.tick
        return pack(snapshot)

    async def frame_later(self, room: Room) -> None:
        # look-alike: read after an await, while other tasks may change the room's nested values
        snapshot = copy.deepcopy(room.state)
        snapshot["tick"] = room.tick
        await asyncio.sleep(0.05)
        await self._redis.publish("frames", pack(snapshot))
