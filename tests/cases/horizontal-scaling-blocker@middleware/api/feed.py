"""Live feed sockets: events arrive over Redis pub/sub, each process serves its own sockets."""
import asyncio
from collections import defaultdict


class TooManyConnections(Exception):
    pass


class Feed:
    def __init__(self, max_per_user: int) -> None:
        self._max_per_user = max_per_user
        self._local: dict[int, set[asyncio.Queue]] = defaultdict(set)

    def subscribe(self, user_id: int) -> asyncio.Queue:
        queues = self._local[user_id]
        if len(queues) >= self._max_per_user:
            raise TooManyConnections(f"user {user_id} already has {len(queues)} feed connections")
        queue: asyncio.Queue = asyncio.Queue(maxsize=100)
        queues.add(queue)
        return queue

    def unsubscribe(self, user_id: int, queue: asyncio.Queue) -> None:
        self._local[user_id].discard(queue)
