"""Activity pushed to every dashboard watching a board."""
import asyncio
from collections import defaultdict


class ActivityHub:
    def __init__(self) -> None:
        self._watchers: dict[int, set[asyncio.Queue]] = defaultdict(set)
        self._bounded: dict[int, set[asyncio.Queue]] = defaultdict(set)

    def watch(self, board_id: int) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()  # expect: backpressure
        self._watchers[board_id].add(queue)
        return queue

    def watch_bounded(self, board_id: int) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=100)
        self._bounded[board_id].add(queue)
        return queue

    def publish(self, board_id: int, event: dict) -> int:
        watchers = self._watchers.get(board_id, ())
        for queue in watchers:
            queue.put_nowait(event)
        for queue in self._bounded.get(board_id, ()):
            if not queue.full():
                queue.put_nowait(event)
        return len(watchers)
