"""A graph store adapter: queries run in executor threads; teardown waits for them to drain."""
import asyncio
import threading


class GraphAdapter:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._connection_lock = asyncio.Lock()
        self._counter_lock = threading.Lock()
        self._drained = asyncio.Event()
        self._drained.set()
        self.open_queries = 0
        self._connection = None

    async def query(self, text: str) -> list:
        async with self._connection_lock:
            connection = self._connection or self._connect()
            with self._counter_lock:
                self.open_queries += 1
                self._drained.clear()
        try:
            return await self._loop.run_in_executor(None, connection.execute, text)
        finally:
            with self._counter_lock:
                self.open_queries -= 1
                if self.open_queries == 0:
                    self._drained.set()

    async def _drain(self) -> None:
        """The caller holds `_connection_lock`, so no query starts while this waits."""
        while True:
            with self._counter_lock:
                if self.open_queries == 0:
                    return
            await self._drained.wait()

    async def delete_graph(self) -> None:
        async with self._connection_lock:
            await self._drain()
            self._connection = None

    def _connect(self):
        self._connection = object()
        return self._connection
