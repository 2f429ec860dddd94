"""Path claims: a task waits until no claimed path overlaps its own."""
import asyncio


class PathClaims:
    def __init__(self) -> None:
        self._claimed: set[str] = set()
        self._guard = asyncio.Lock()
        self._freed = asyncio.Condition(self._guard)
        self._changes = asyncio.Condition()
        self._ready = asyncio.Event()

    async def claim(self, path: str) -> None:
        async with self._guard:
            while any(path.startswith(other) or other.startswith(path) for other in self._claimed):
                await self._freed.wait()  # the condition shares `_guard` and releases it while waiting
            self._claimed.add(path)

    async def unclaim(self, path: str) -> None:
        async with self._guard:
            self._claimed.discard(path)
            self._freed.notify_all()

    async def claim_when_told(self, path: str) -> None:
        async with self._guard:  # expect: deadlock
            await self._changes.wait()  # a condition with its own lock: `_guard` stays held
            self._claimed.add(path)

    async def claim_when_ready(self, path: str) -> None:
        async with self._guard:  # expect: deadlock
            await self._ready.wait()
            self._claimed.add(path)
