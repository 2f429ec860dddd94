"""Price feed adapters, each polled by a background loop."""
import asyncio

import httpx


class PriceFeed:
    def __init__(self, url: str) -> None:
        self._client = httpx.AsyncClient(base_url=url, timeout=5.0)
        self.last: dict[str, float] = {}

    async def poll_forever(self) -> None:  # expect: test-gap
        while True:
            response = await self._client.get("/prices")
            self.last = response.json()
            await asyncio.sleep(2)


def start(feed: PriceFeed) -> asyncio.Task:
    return asyncio.create_task(feed.poll_forever())
