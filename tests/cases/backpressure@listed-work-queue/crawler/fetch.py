"""Page fetching for the crawler: a fixed batch of URLs handed to a few workers, and a live feed
of URLs read off a socket."""
from __future__ import annotations

import asyncio

import httpx


class PageFetcher:
    def __init__(self, client: httpx.AsyncClient, workers: int = 4) -> None:
        self._client = client
        self._workers = workers

    async def fetch_batch(self, urls: list[str], limit: int) -> list[str]:
        todo: asyncio.Queue[str | None] = asyncio.Queue()
        parsed: asyncio.Queue[tuple[str, int] | None] = asyncio.Queue()
        for url in urls[:limit]:
            await todo.put(url)
        for _ in range(self._workers):
            todo.put_nowait(None)

        async def fetcher() -> None:
            while True:
                url = await todo.get()
                if url is None:
                    break
                resp = await self._client.get(url, timeout=10)
                await parsed.put((url, len(resp.content)))

        await asyncio.gather(*(fetcher() for _ in range(self._workers)))
        parsed.put_nowait(None)
        sizes = []
        while (item := await parsed.get()) is not None:
            sizes.append(f"{item[0]}: {item[1]}")
        return sizes

    async def follow_feed(self, feed: asyncio.StreamReader) -> list[str]:
        todo: asyncio.Queue[str | None] = asyncio.Queue()  # expect: backpressure
        results: asyncio.Queue[str] = asyncio.Queue()  # expect: backpressure

        async def reader() -> None:
            while line := await feed.readline():
                await todo.put(line.decode().strip())
            await todo.put(None)

        async def fetcher() -> None:
            while True:
                url = await todo.get()
                if url is None:
                    break
                resp = await self._client.get(url, timeout=10)
                await results.put(resp.text)

        await asyncio.gather(reader(), fetcher())
        return [results.get_nowait() for _ in range(results.qsize())]

    async def crawl_links(self, start: str) -> None:
        seen: asyncio.Queue[str] = asyncio.Queue()  # expect: backpressure
        await seen.put(start)
        while True:
            url = await seen.get()
            resp = await self._client.get(url, timeout=10)
            for link in resp.headers.get_list("link"):
                await seen.put(link)


def log_feed(sink_register) -> asyncio.Queue[str]:
    """Every log line lands in the queue through the sink: as many items as the program logs."""
    lines: asyncio.Queue[str] = asyncio.Queue()  # expect: backpressure
    sink_register(lambda message: lines.put_nowait(message))
    return lines
