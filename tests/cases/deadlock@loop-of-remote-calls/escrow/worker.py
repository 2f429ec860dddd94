"""Releases pending escrows to sellers, in rounds."""
import asyncio

from escrow.client import EscrowClient


class PayoutWorker:
    def __init__(self, client: EscrowClient) -> None:
        self._client = client
        self._lock = asyncio.Lock()
        self._stats_lock = asyncio.Lock()
        self._paid: dict[str, str] = {}

    async def run_once(self, pending: list[tuple[str, str]]) -> int:
        paid = 0
        async with self._lock:  # expect: deadlock
            for escrow_id, account in pending:
                self._paid[escrow_id] = await self._client.release(escrow_id, account)
                paid += 1
        return paid

    async def run_once_unlocked(self, pending: list[tuple[str, str]]) -> int:
        """The releases run outside the lock; only the bookkeeping is guarded."""
        done = {}
        for escrow_id, account in pending:
            done[escrow_id] = await self._client.release(escrow_id, account)
        async with self._stats_lock:
            self._paid.update(done)
        return len(done)

    async def run_forever(self) -> None:
        while True:
            await self.run_once([("e1", "a1")])
            await self.run_once_unlocked([("e2", "a2")])
            await asyncio.sleep(30)
