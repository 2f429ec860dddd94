"""Background loops started by the application."""
import asyncio
import logging

import httpx

logger = logging.getLogger(__name__)


class Poller:
    def __init__(self, client: httpx.AsyncClient, interval: float = 2.0) -> None:
        self.client = client
        self.interval = interval
        self.latest: dict = {}

    async def run(self) -> None:
        while True:
            response = await self.client.get("https://prices.example.com/latest")  # expect: no-recovery
            self.latest = response.json()
            await asyncio.sleep(self.interval)

    async def run_safely(self) -> None:
        while True:
            try:
                response = await self.client.get("https://prices.example.com/latest")
                self.latest = response.json()
            except httpx.HTTPError:
                logger.exception("poll failed")
            await asyncio.sleep(self.interval)


async def consume(client: httpx.AsyncClient) -> None:
    async with client.stream("GET", "https://events.example.com/stream") as stream:
        async for line in stream.aiter_lines():
            logger.info("event %s", line)


async def supervise(client: httpx.AsyncClient) -> None:
    while True:  # expect: no-recovery
        try:
            await consume(client)
        except Exception:
            logger.exception("consumer crashed, restarting")


async def supervise_with_backoff(client: httpx.AsyncClient) -> None:
    delay = 1.0
    while True:
        try:
            await consume(client)
            delay = 1.0
        except Exception:
            logger.exception("consumer crashed, restarting in %.0fs", delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)


async def drain(queue: asyncio.Queue, client: httpx.AsyncClient) -> None:
    while True:
        item = await queue.get()
        try:
            await client.post("https://sink.example.com/items", json=item)
        except httpx.HTTPError:
            logger.exception("could not forward %s", item)
        finally:
            queue.task_done()
