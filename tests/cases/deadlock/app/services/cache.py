"""A cache refreshed under a lock, and a job runner."""
import asyncio
import threading

import httpx


class QuoteCache:
    def __init__(self, client) -> None:
        self.client = client
        self._lock = asyncio.Lock()
        self._quotes: dict[str, float] = {}

    async def refresh(self, symbols: list[str]) -> None:
        async with self._lock:
            quotes = await self.client.quotes(symbols)
            await self._store(quotes)

    async def _store(self, quotes: dict[str, float]) -> None:
        async with self._lock:  # expect: deadlock
            self._quotes.update(quotes)


class Registry:
    """Re-entering a threading.RLock is fine."""

    def __init__(self) -> None:
        self._rlock = threading.RLock()
        self._items: dict[str, object] = {}

    def replace(self, key: str, value: object) -> None:
        with self._rlock:
            self.remove(key)
            self._items[key] = value

    def remove(self, key: str) -> None:
        with self._rlock:
            self._items.pop(key, None)


class JobRunner:
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._jobs: asyncio.Queue = asyncio.Queue(maxsize=100)
        self._active: dict[str, object] = {}

    async def next_job_locked(self) -> object:
        async with self._lock:  # expect: deadlock
            job = await self._jobs.get()
            self._active[job.id] = job
            return job

    async def next_job(self) -> object:
        job = await self._jobs.get()
        async with self._lock:
            self._active[job.id] = job
        return job

    async def next_job_bounded(self) -> object:
        async with self._lock:
            job = await asyncio.wait_for(self._jobs.get(), timeout=5)
            self._active[job.id] = job
            return job


class RateSource:
    """Two HTTP clients: one without any timeout, one with httpx's default."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._slow = httpx.AsyncClient(base_url="https://rates.example.com", timeout=None)
        self._fast = httpx.AsyncClient(base_url="https://rates.example.com")
        self._rates: dict[str, float] = {}

    async def refresh_slow(self, pair: str) -> float:
        async with self._lock:  # expect: deadlock
            response = await self._slow.get(f"/v1/{pair}")
            self._rates[pair] = response.json()["rate"]
            return self._rates[pair]

    async def refresh_fast(self, pair: str) -> float:
        async with self._lock:
            response = await self._fast.get(f"/v1/{pair}")
            self._rates[pair] = response.json()["rate"]
            return self._rates[pair]
