"""Ships log records to a collector; the session lives as long as the consumer loop."""
import asyncio
import logging

import aiohttp

log = logging.getLogger(__name__)


class LogShipper:
    def __init__(self, url: str) -> None:
        self._url = url
        self.queue: asyncio.Queue = asyncio.Queue()

    async def _send(self, session: aiohttp.ClientSession, record: dict) -> None:
        async with session.post(self._url, json=record) as resp:
            resp.raise_for_status()

    async def _consume(self, session: aiohttp.ClientSession) -> None:
        while True:
            record = await self.queue.get()
            try:
                await self._send(session, record)
            except aiohttp.ClientError:
                log.warning("collector unreachable, reopening the session")
                return

    async def run(self) -> None:
        while True:
            try:
                async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
                    await self._consume(session)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("log shipper failed")
            await asyncio.sleep(5.0)

    async def heartbeat(self) -> None:
        while True:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:  # expect: connection-management
                await self._send(session, {"type": "heartbeat"})
            await asyncio.sleep(30)


def start(shipper: LogShipper) -> None:
    asyncio.create_task(shipper.run())
    asyncio.create_task(shipper.heartbeat())
