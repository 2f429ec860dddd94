"""Per-buyer event streams: one queue per open SSE connection."""
import asyncio
from collections import defaultdict
from typing import Any

_STREAM_BACKLOG = 100


class BuyerStreams:
    """Unbounded: a buyer who stops reading keeps every event in memory."""

    def __init__(self) -> None:
        self._streams: dict[int, set[asyncio.Queue[dict[str, Any]]]] = defaultdict(set)

    def open(self, buyer_id: int) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()  # expect: backpressure
        self._streams[buyer_id].add(queue)
        return queue

    def close(self, buyer_id: int, queue: asyncio.Queue[dict[str, Any]]) -> None:
        self._streams[buyer_id].discard(queue)

    def publish(self, buyer_id: int, event: dict[str, Any]) -> None:
        for queue in self._streams.get(buyer_id, ()):
            queue.put_nowait(event)


class SellerStreams:
    """Bounded: a slow reader loses events instead of growing the process."""

    def __init__(self) -> None:
        self._streams: dict[int, list[asyncio.Queue[dict[str, Any]]]] = defaultdict(list)

    def open(self, seller_id: int) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=_STREAM_BACKLOG)
        self._streams[seller_id].append(queue)
        return queue

    def publish(self, seller_id: int, event: dict[str, Any]) -> None:
        for queue in self._streams.get(seller_id, ()):
            if not queue.full():
                queue.put_nowait(event)


class Inbox:
    """A queue nobody ever puts to here: nothing shows it buffers between tasks."""

    def __init__(self) -> None:
        self._boxes: dict[int, asyncio.Queue[str]] = {}

    def open(self, user_id: int) -> asyncio.Queue[str]:
        box: asyncio.Queue[str] = asyncio.Queue()
        self._boxes.setdefault(user_id, box)
        return box
