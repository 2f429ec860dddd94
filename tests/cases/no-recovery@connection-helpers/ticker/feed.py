"""Exchange ticker feed: one reconnect loop per stream, helper tasks tied to one connection."""
import asyncio
import json
import logging

import aiohttp

log = logging.getLogger(__name__)

PING_SECONDS = 20.0


class TickerFeed:
    def __init__(self, session: aiohttp.ClientSession, url: str, queue: asyncio.Queue) -> None:
        self._session = session
        self._url = url
        self._queue = queue
        self._keepalive: asyncio.Task | None = None
        self._lifetime_ping: asyncio.Task | None = None

    async def _pump(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        while True:
            frame = await ws.receive_str()
            await self._queue.put(json.loads(frame))

    async def _keep_alive(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        try:
            while True:
                await asyncio.sleep(PING_SECONDS)
                await ws.send_json({"op": "ping"})
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("keepalive failed")

    async def _ping_forever(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        while True:
            await ws.send_json({"op": "ping"})  # expect: no-recovery
            await asyncio.sleep(PING_SECONDS)

    async def run_pair(self) -> None:
        """Two streams per round; the first one to fail ends the round, which logs and reconnects."""
        while True:
            try:
                trades = await self._session.ws_connect(f"{self._url}/trades", heartbeat=30)
                books = await self._session.ws_connect(f"{self._url}/books", heartbeat=30)
                trade_task = asyncio.ensure_future(self._pump(trades))
                book_task = asyncio.ensure_future(self._pump(books))
                done, pending = await asyncio.wait([trade_task, book_task], return_when=asyncio.FIRST_EXCEPTION)
                for task in pending:
                    task.cancel()
                for task in done:
                    task.result()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("ticker streams failed, reconnecting")
                await asyncio.sleep(2.0)

    async def run_with_keepalive(self) -> None:
        """The keepalive belongs to one connection: started with it, cancelled with it."""
        while True:
            try:
                ws = await self._session.ws_connect(f"{self._url}/fills", heartbeat=30)
                self._keepalive = asyncio.create_task(self._keep_alive(ws))
                await self._pump(ws)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("fills stream failed, reconnecting")
                await asyncio.sleep(2.0)
            finally:
                if self._keepalive is not None:
                    self._keepalive.cancel()
                    self._keepalive = None

    async def serve_connection(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        pinger = asyncio.create_task(self._keep_alive(ws))
        try:
            await self._pump(ws)
        finally:
            pinger.cancel()

    async def connect_once(self) -> None:
        """Started once and kept for the feed's life: when a ping fails, pings stop for good."""
        ws = await self._session.ws_connect(f"{self._url}/orders", heartbeat=30)
        self._lifetime_ping = asyncio.create_task(self._ping_forever(ws))
