"""Per-process resources built on first use, and one piece of real request state."""
from __future__ import annotations

import asyncio
import threading

import httpx

MAX_CONCURRENT = 8

_embed_slots: asyncio.Semaphore | None = None
_last_caller: str | None = None


def embed_slots() -> asyncio.Semaphore:
    """Built lazily so it binds to the running loop, not to whatever loop existed at import."""
    global _embed_slots
    if _embed_slots is None:
        _embed_slots = asyncio.Semaphore(MAX_CONCURRENT)
    return _embed_slots


def reset_embed_slots() -> None:
    global _embed_slots
    _embed_slots = None


def remember_caller(caller: str) -> None:
    global _last_caller
    _last_caller = caller  # expect: global-mutable-state


class _Backend:
    def __init__(self, base_url: str, dimensions: int) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=20.0)
        self.dimensions = dimensions

    async def embed(self, texts: list[str]) -> list[list[float]]:
        response = await self._http.post("/v1/embeddings", json={"input": texts})
        return response.json()["data"]


class Embedder:
    """One per process; the backend is made on first use so startup needs no credentials."""

    def __init__(self) -> None:
        self._backend: _Backend | None = None
        self._lock = threading.Lock()

    def _get_backend(self) -> _Backend:
        if self._backend is None:
            with self._lock:
                if self._backend is None:
                    base_url = "https://embeddings.internal"
                    self._backend = _Backend(base_url, dimensions=1536)
        return self._backend

    async def embed(self, texts: list[str]) -> list[list[float]]:
        async with embed_slots():
            return await self._get_backend().embed(texts)


embedder = Embedder()
