"""Connections to the vector store: one kept on the adapter, one opened for every search."""
from __future__ import annotations

import asyncio

from qdrant_client import AsyncQdrantClient


class KeptAdapter:
    def __init__(self, url: str) -> None:
        self.url = url
        self.client: AsyncQdrantClient | None = None
        self._lock = asyncio.Lock()

    async def get_client(self) -> AsyncQdrantClient:
        """Opened on first use, kept on the adapter and handed back from then on."""
        if self.client is not None:
            return self.client
        async with self._lock:
            fresh = AsyncQdrantClient(url=self.url)
            if self.client is None:
                self.client = fresh
                return fresh
        return self.client


class FreshAdapter:
    def __init__(self, url: str) -> None:
        self.url = url

    async def get_client(self) -> AsyncQdrantClient:
        fresh = AsyncQdrantClient(url=self.url)
        return fresh
