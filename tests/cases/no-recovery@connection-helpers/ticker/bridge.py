"""A broker bridge: its helper tasks run per connection and a failure forces a reconnect."""
import asyncio
import logging
from typing import List

import aiohttp

log = logging.getLogger(__name__)


class Bridge:
    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        self._session = session
        self._url = url
        self._outbox: asyncio.Queue = asyncio.Queue()
        self._stopped = asyncio.Event()

    async def _send_outbox(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        while True:
            message = await self._outbox.get()
            await ws.send_json(message)

    async def _beat(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        while True:
            await ws.send_json({"type": "beat"})
            await asyncio.sleep(10)

    async def run(self) -> None:
        while not self._stopped.is_set():
            tasks: List[asyncio.Task] = []
            try:
                async with self._session.ws_connect(self._url, heartbeat=30) as ws:
                    tasks = [
                        asyncio.create_task(self._send_outbox(ws)),
                        asyncio.create_task(self._beat(ws)),
                    ]
                    done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
                    for task in done:
                        error = task.exception()
                        if error is not None:
                            raise error
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("bridge failed, reconnecting")
            finally:
                for task in tasks:
                    task.cancel()
            await asyncio.sleep(5)
