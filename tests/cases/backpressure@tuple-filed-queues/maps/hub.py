"""Fans map events out to the screens of this process, each subscribed to one area."""
import asyncio
import itertools


class MapHub:
    def __init__(self) -> None:
        self._ids = itertools.count(1)
        self._subscribers: dict[int, tuple[str, asyncio.Queue]] = {}
        self._bounded: dict[int, tuple[str, asyncio.Queue]] = {}

    def subscribe(self, area: str) -> tuple[int, asyncio.Queue]:
        sub_id = next(self._ids)
        queue = asyncio.Queue()  # expect: backpressure
        self._subscribers[sub_id] = (area, queue)
        return sub_id, queue

    def subscribe_bounded(self, area: str) -> tuple[int, asyncio.Queue]:
        sub_id = next(self._ids)
        queue = asyncio.Queue(maxsize=100)
        self._bounded[sub_id] = (area, queue)
        return sub_id, queue

    def unsubscribe(self, sub_id: int) -> None:
        self._subscribers.pop(sub_id, None)
        self._bounded.pop(sub_id, None)

    async def relay(self, source) -> None:
        async for event in source:
            for area, queue in self._subscribers.values():
                if area == event["area"]:
                    queue.put_nowait(event)
            for area, queue in self._bounded.values():
                if area == event["area"] and not queue.full():
                    queue.put_nowait(event)
