"""Fans updates out to the websocket clients of this process."""
import asyncio


class Hub:
    def __init__(self) -> None:
        self._members: dict[int, set[str]] = {}
        self._queues: dict[str, asyncio.Queue] = {}
        self._boxes: dict[str, asyncio.Queue] = {}

    async def join(self, room: int, client: str) -> asyncio.Queue:
        queue = asyncio.Queue()  # expect: backpressure
        self._members.setdefault(room, set()).add(client)
        self._queues[client] = queue
        return queue

    async def watch(self, client: str) -> asyncio.Queue:
        box = asyncio.Queue()
        self._boxes[client] = box
        return box

    async def relay(self, source) -> None:
        async for room, update in source:
            targets = [self._queues[c] for c in self._members.get(room, ()) if c in self._queues]
            for queue in targets:
                queue.put_nowait(update)

    def backlog(self, clients: list[str]) -> int:
        boxes = [self._boxes[c] for c in clients if c in self._boxes]
        total = 0
        for box in boxes:
            total += box.qsize()
        return total
