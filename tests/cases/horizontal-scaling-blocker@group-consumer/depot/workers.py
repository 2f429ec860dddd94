from __future__ import annotations

import json

from redis.asyncio import Redis

from depot.sockets import BoardSockets, PickerSockets


class PickConsumer:
    """Reads pick tasks through a consumer group: each entry goes to one replica only."""

    def __init__(self, sockets: PickerSockets, redis: Redis) -> None:
        self._sockets = sockets
        self._redis = redis

    async def run(self) -> None:
        while True:
            batches = await self._redis.xreadgroup("pickers", "c1", {"picks": ">"}, count=50, block=5000)
            for _stream, entries in batches or []:
                for entry_id, fields in entries:
                    task = json.loads(fields["task"])
                    await self._sockets.push(task["picker_id"], task)
                    await self._redis.xack("picks", "pickers", entry_id)


class BoardFeed:
    """Every replica reads the whole stream and updates the boards connected to it."""

    def __init__(self, sockets: BoardSockets, redis: Redis) -> None:
        self._sockets = sockets
        self._redis = redis

    async def run(self) -> None:
        last = "$"
        while True:
            batches = await self._redis.xread({"zone-events": last}, count=50, block=5000)
            for _stream, entries in batches or []:
                for entry_id, fields in entries:
                    last = entry_id
                    event = json.loads(fields["event"])
                    await self._sockets.push(event["zone_id"], event)
