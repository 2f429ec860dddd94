"""Message relay: per-channel locks around the enqueue."""
import asyncio
from collections import defaultdict

from .queues import acks, outbox


class Relay:
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._pending: asyncio.Queue = asyncio.Queue(0)
        self._bounded: asyncio.Queue = asyncio.Queue(maxsize=50)
        self._seq = 0

    async def publish(self, message: dict) -> None:
        # correct: the queue has no maxsize, so put never waits
        async with self._lock:
            self._seq += 1
            await self._pending.put({**message, "seq": self._seq})

    async def publish_bounded(self, message: dict) -> None:
        async with self._lock:  # expect: deadlock
            self._seq += 1
            await self._bounded.put({**message, "seq": self._seq})


_channel_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)


async def forward(channel: str, message: dict) -> None:
    # correct: an unbounded module queue, imported in the function body
    from .queues import outbox as box

    async with _channel_locks[channel]:
        await box.put((channel, message))
        await outbox.put((channel, message))


async def acknowledge(channel: str, ack: dict) -> None:
    async with _channel_locks[channel]:  # expect: deadlock
        await acks.put((channel, ack))
