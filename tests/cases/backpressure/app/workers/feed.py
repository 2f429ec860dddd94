"""Reads ticks from the exchange feed and hands them to the broadcaster."""
import asyncio


class FeedReader:
    def __init__(self, client, queue: asyncio.Queue) -> None:
        self.client = client
        self.queue = queue

    async def run(self) -> None:
        while True:
            batch = await self.client.next_batch()
            for tick in batch:
                await self.queue.put(tick)
