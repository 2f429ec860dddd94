"""Records incoming task events in batches; fans out cheap work and real requests."""
from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from concurrent.futures import Future
from contextlib import asynccontextmanager
from typing import AsyncGenerator, Awaitable, Callable

import httpx

_BUILT: dict[str, "Resource"] = {}


class Resource:
    def __init__(self, item: dict) -> None:
        self.item = item

    @classmethod
    async def construct(cls, item: dict) -> "Resource":
        if item["id"] in _BUILT:
            return _BUILT[item["id"]]
        built = cls(item)
        _BUILT[item["id"]] = built
        return built


@asynccontextmanager
async def consumer(write_batch_size: int) -> AsyncGenerator[Callable[[dict], Awaitable[None]], None]:
    queue: asyncio.Queue[dict] = asyncio.Queue()
    batch_log: list[list[dict]] = []

    async def flush() -> None:
        batch: list[dict] = []
        while queue.qsize() > 0 and len(batch) < write_batch_size:
            batch.append(await queue.get())
        batch_log.append(batch)

    async def handler(event: dict) -> None:
        await queue.put(event)
        if queue.qsize() >= write_batch_size:
            await flush()

    try:
        yield handler
    finally:
        await flush()


@asynccontextmanager
async def relay() -> AsyncGenerator[Callable[[dict], None], None]:
    outbox: asyncio.Queue[dict] = asyncio.Queue()  # expect: backpressure

    async def pump() -> None:
        async with httpx.AsyncClient(timeout=5) as client:
            while True:
                event = await outbox.get()
                await client.post("https://sink.example/events", json=event)

    def publish(event: dict) -> None:
        outbox.put_nowait(event)

    task = asyncio.create_task(pump())
    try:
        yield publish
    finally:
        task.cancel()


async def build_all(collections: list[list[dict]]) -> list[Resource]:
    return await asyncio.gather(*[Resource.construct(item) for collection in collections for item in collection])


async def drain(pending: set[Future]) -> None:
    await asyncio.gather(*(asyncio.wrap_future(f) for f in tuple(pending)), return_exceptions=True)


async def notify_all(urls: list[str]) -> None:
    async with httpx.AsyncClient(timeout=5) as client:
        await asyncio.gather(*[client.post(url, json={"ping": True}) for url in urls])  # expect: backpressure


class BlobStore(ABC):
    """Implemented by the deployment's storage plugin (S3, GCS), outside this package."""

    @abstractmethod
    async def download(self, key: str) -> bytes:
        ...


async def fetch_blobs(store: BlobStore, keys: list[str]) -> list[bytes]:
    return await asyncio.gather(*[store.download(key) for key in keys])  # expect: backpressure
