"""Counters shared with a reporting thread."""
import threading


class Metrics:
    def __init__(self, sink) -> None:
        self.sink = sink
        self._stats_lock = threading.Lock()
        self._count = 0

    def increment(self) -> None:
        with self._stats_lock:
            self._count += 1

    async def flush(self) -> None:
        with self._stats_lock:  # expect: deadlock
            await self.sink.write(self._count)
            self._count = 0

    async def flush_safely(self) -> None:
        with self._stats_lock:
            count, self._count = self._count, 0
        await self.sink.write(count)
