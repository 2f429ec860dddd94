"""One connection per configured producer, each kept open until shutdown."""
import asyncio

import websockets


class MessageConsumer:
    def __init__(self, config: dict) -> None:
        self.producers: list[dict] = config.get("producers", [])
        self._running = True

    async def main(self) -> None:
        tasks = [asyncio.create_task(self._handle_producer(producer)) for producer in self.producers]
        await asyncio.gather(*tasks)

    async def _handle_producer(self, producer: dict) -> None:
        try:
            await self._connect(producer)
        except asyncio.CancelledError:
            pass

    async def _connect(self, producer: dict) -> None:
        while self._running:
            try:
                async with websockets.connect(producer["url"]) as ws:
                    async for message in ws:
                        print(message)
            except OSError:
                await asyncio.sleep(5)


class Crawler:
    def __init__(self, client) -> None:
        self.client = client
        self.sources: list[str] = []

    async def crawl_all(self) -> None:
        await asyncio.gather(*[self._crawl(url) for url in self.sources])  # expect: backpressure

    async def _crawl(self, url: str) -> None:
        page = await self.client.get(url)
        while page:
            page = await self.client.get(page["next"])
