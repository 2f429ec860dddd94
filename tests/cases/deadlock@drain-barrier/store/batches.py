"""A batch writer whose flush waits for the in-flight batch; the batch is marked done under the lock."""
import asyncio


class BatchWriter:
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._done = asyncio.Event()
        self._pending: list[dict] = []

    async def add(self, row: dict) -> None:
        async with self._lock:
            self._pending.append(row)
            if len(self._pending) >= 100:
                self._done.set()

    async def flush(self) -> list[dict]:
        async with self._lock:  # expect: deadlock
            await self._done.wait()
            rows, self._pending = self._pending, []
            return rows


class Uploads:
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._finished = asyncio.Event()

    def _mark_finished(self) -> None:
        self._finished.set()

    async def complete(self) -> None:
        async with self._lock:
            self._mark_finished()

    async def wait_all(self) -> None:
        async with self._lock:  # expect: deadlock
            await self._finished.wait()
