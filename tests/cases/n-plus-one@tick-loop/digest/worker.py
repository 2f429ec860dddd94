"""The digest worker: one polling loop, each tick builds a batch of digests."""
import asyncio
import itertools
import logging
from itertools import count

from digest.store import DigestStore

logger = logging.getLogger(__name__)


class DigestWorker:
    def __init__(self, store: DigestStore, interval_s: float = 60.0) -> None:
        self._store = store
        self._interval_s = interval_s

    async def run_forever(self) -> None:
        for tick in itertools.count():
            due = await self._store.due_subscribers()
            logger.info("digest tick", extra={"tick": tick, "due": len(due)})
            await asyncio.sleep(self._interval_s)

    async def heartbeat(self) -> None:
        for beat in count(1):
            await self._store.due_subscribers(limit=1)
            logger.debug("heartbeat %d", beat)
            await asyncio.sleep(30)

    async def build_batch(self) -> list[dict[str, int]]:
        due = await self._store.due_subscribers()
        counts = await self._store.unread_counts([row["id"] for row in due])
        return [{"id": row["id"], "unread": counts.get(row["id"], 0)} for row in due]

    async def build_batch_slow(self) -> list[dict[str, int]]:
        due = await self._store.due_subscribers()
        out = []
        for row in due:
            unread = await self._store.unread_count(row["id"])  # expect: n-plus-one
            out.append({"id": row["id"], "unread": unread})
        return out
