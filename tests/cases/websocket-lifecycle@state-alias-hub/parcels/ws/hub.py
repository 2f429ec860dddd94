"""In-process fan-out of parcel events to the sockets watching a parcel."""
from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any


class ParcelHub:
    def __init__(self) -> None:
        self._watchers: dict[str, set[asyncio.Queue]] = defaultdict(set)

    def watch(self, parcel_id: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=100)
        self._watchers[parcel_id].add(queue)
        return queue

    def unwatch(self, parcel_id: str, queue: asyncio.Queue) -> None:
        queues = self._watchers.get(parcel_id)
        if queues is not None:
            queues.discard(queue)
            if not queues:
                self._watchers.pop(parcel_id, None)

    async def publish(self, parcel_id: str, event: dict[str, Any]) -> None:
        for queue in list(self._watchers.get(parcel_id, ())):
            if not queue.full():
                queue.put_nowait(event)
