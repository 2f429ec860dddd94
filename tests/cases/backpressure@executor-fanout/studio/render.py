"""Renders uploaded frames: thumbnails on worker threads, previews at a remote renderer."""
from __future__ import annotations

import asyncio

import httpx


def build_thumbnail(raw: bytes) -> bytes:
    return raw[:1024]


class FrameService:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def thumbnails(self, frames: dict[str, bytes]) -> list[bytes]:
        return await asyncio.gather(*(asyncio.to_thread(build_thumbnail, raw) for raw in frames.values()))

    async def thumbnails_in_pool(self, frames: list[bytes]) -> list[bytes]:
        loop = asyncio.get_running_loop()
        return await asyncio.gather(*(loop.run_in_executor(None, build_thumbnail, raw) for raw in frames))

    async def _preview(self, raw: bytes) -> bytes:
        resp = await self._client.post("/render", content=raw)
        return resp.content

    async def previews(self, frames: list[bytes]) -> list[bytes]:
        return await asyncio.gather(*(self._preview(raw) for raw in frames))  # expect: backpressure


class AlbumService:
    def __init__(self, frames: FrameService) -> None:
        self._frames = frames

    async def refresh(self, albums: dict[str, list[bytes]]) -> int:
        total = 0
        for name, frames in albums.items():
            done = await asyncio.gather(*(self._frames._preview(raw) for raw in frames))  # expect: backpressure
            total += len(done)
        return total

    async def refresh_showcase(self) -> int:
        total = 0
        showcase = {"hero": [b"a", b"b"], "footer": [b"c"]}
        for name, frames in showcase.items():
            done = await asyncio.gather(*(self._frames._preview(raw) for raw in frames))
            total += len(done)
        return total
