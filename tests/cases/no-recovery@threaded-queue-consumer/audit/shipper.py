"""Ships audit records from a thread-safe queue; polls a remote config."""
from __future__ import annotations

import asyncio
import logging
import queue
from concurrent.futures import ThreadPoolExecutor

import httpx

log = logging.getLogger(__name__)


class _Pending:
    def __init__(self, future) -> None:
        self._future = future

    async def aresult(self):
        return await asyncio.wrap_future(self._future)


class _ReaderThread:
    """Blocking reads run in one dedicated thread."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audit-reader")

    def submit(self, fn) -> _Pending:
        return _Pending(self._pool.submit(fn))


class AuditShipper:
    """Producers in other threads `submit()`; the loop takes each record in a worker thread."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._queue: queue.Queue[dict] = queue.Queue(maxsize=10_000)
        self._reader = _ReaderThread()

    def submit(self, record: dict) -> None:
        self._queue.put_nowait(record)

    async def run(self) -> None:
        while True:
            record = await self._reader.submit(self._queue.get).aresult()
            try:
                await self._client.post("/audit", json=record)
            except Exception:
                log.exception("dropping audit record %s", record.get("id"))


class ConfigWatcher:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self.current: dict = {}

    async def run(self) -> None:
        while True:  # expect: no-recovery
            try:
                response = await self._client.get("/config")
                self.current = response.json()
            except Exception:
                log.exception("config refresh failed")
