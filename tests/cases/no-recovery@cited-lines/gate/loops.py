"""Gate loops: a restart with no pause, a one-step loop with no handler, and a guarded loop."""
import asyncio
import logging

import httpx

log = logging.getLogger(__name__)


class BarrierSync:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def pull(self) -> None:
        resp = await self.client.get("/barriers")
        resp.raise_for_status()

    async def run(self) -> None:
        while True:
            try:
                await self.pull()
                await asyncio.sleep(30)
            except httpx.HTTPError:  # expect: no-recovery
                log.warning("barrier sync failed")


class PlateReader:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def read_once(self) -> int:
        resp = await self.client.get("/plates")
        return len(resp.json())

    async def run(self) -> None:
        while True:
            count = await self.read_once()  # expect: no-recovery
            log.info("read %d plates", count)
            await asyncio.sleep(5)


class Heartbeat:
    """Catches each round and waits before the next: survives outages."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def run(self) -> None:
        while True:
            try:
                await self.client.post("/heartbeat")
            except httpx.HTTPError:
                log.warning("heartbeat failed")
            await asyncio.sleep(10)
