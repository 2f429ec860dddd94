"""Rules cached in memory and reloaded under a lock taken with acquire()/release()."""
import asyncio
import threading


class RuleCache:
    def __init__(self, repo) -> None:
        self._repo = repo
        self._lock = asyncio.Lock()
        self._rules: dict[int, list] = {}

    async def reload(self) -> None:
        await self._lock.acquire()
        try:
            self._rules = await self._repo.load()
        finally:
            self._lock.release()

    async def forget(self, device_id: int) -> None:
        async with self._lock:
            self._rules.pop(device_id, None)
            await self.reload()  # expect: deadlock

    async def forget_then_reload(self, device_id: int) -> None:
        async with self._lock:
            self._rules.pop(device_id, None)
        await self.reload()


class Counters:
    """A thread lock tried without blocking while held: it gives up instead of waiting."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}

    def bump(self, key: str) -> None:
        with self._lock:
            self._counts[key] = self._counts.get(key, 0) + 1
            self._flush_if_free()

    def _flush_if_free(self) -> None:
        if self._lock.acquire(blocking=False):
            try:
                self._counts.clear()
            finally:
                self._lock.release()
