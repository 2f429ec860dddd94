"""Sensor feeds of a saw mill: each feed polls one line controller over HTTP."""
from __future__ import annotations

import asyncio
from typing import AsyncIterator

import httpx


class LineFeed:
    def __init__(self, client: httpx.AsyncClient, line: str) -> None:
        self._client = client
        self._line = line
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._poll())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def _poll(self) -> None:
        while True:
            await self._client.get(f"/lines/{self._line}")
            await asyncio.sleep(5)

    async def calibrate(self, offset: float) -> None:
        resp = await self._client.post(f"/lines/{self._line}/calibrate", json={"offset": offset})
        resp.raise_for_status()


class FeedSet:
    def __init__(self, feeds: list[LineFeed]) -> None:
        self._feeds = feeds

    async def __aenter__(self) -> "FeedSet":
        await asyncio.gather(*(feed.start() for feed in self._feeds))
        return self

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.gather(*(feed.stop() for feed in self._feeds))

    async def calibrate_all(self, offset: float) -> None:
        await asyncio.gather(*(feed.calibrate(offset) for feed in self._feeds))  # expect: backpressure


async def close_readers(readers: list[AsyncIterator[bytes]]) -> None:
    await asyncio.gather(*(reader.aclose() for reader in readers), return_exceptions=True)
