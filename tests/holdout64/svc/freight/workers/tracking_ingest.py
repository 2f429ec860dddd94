from __future__ import annotations

import asyncio
import json
import logging

from ..metrics import PING_QUEUE_DEPTH, PINGS_INGESTED
from ..services.tracking_service import Ping, TrackingService, parse_batch

log = logging.getLogger(__name__)

FLUSH_SIZE = 500
FLUSH_INTERVAL = 1.0


class PingIngestor:
    """Buffers pings from driver websockets and writes them to postgres in batches."""

    def __init__(self, tracking: TrackingService) -> None:
        self._tracking = tracking
        self._queue: asyncio.Queue[Ping] = asyncio.Queue()

    async def submit(self, ping: Ping) -> None:
        await self._queue.put(ping)
        PING_QUEUE_DEPTH.set(self._queue.qsize())

    async def _drain(self) -> list[Ping]:
        batch = [await self._queue.get()]
        deadline = asyncio.get_running_loop().time() + FLUSH_INTERVAL
        while len(batch) < FLUSH_SIZE:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                break
            try:
                batch.append(await asyncio.wait_for(self._queue.get(), timeout=remaining))
            except asyncio.TimeoutError:
                break
        return batch

    async def _consume(self) -> None:
        while True:
            batch = await self._drain()
            await self._tracking.persist(batch)
            PINGS_INGESTED.inc(len(batch))

    async def run_forever(self) -> None:
        while True:
            try:
                await self._consume()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("ping consumer crashed, restarting")


class EldFeedReader:
    """Reads newline-delimited position batches pushed by the ELD aggregator over TCP."""

    def __init__(self, host: str, port: int, tracking: TrackingService) -> None:
        self._host = host
        self._port = port
        self._tracking = tracking

    async def run(self) -> None:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(self._host, self._port), timeout=10)
        try:
            writer.write(b'{"subscribe":"positions"}\n')
            await writer.drain()
            while True:
                line = await reader.readline()
                if not line:
                    raise ConnectionError("ELD feed closed the connection")
                message = json.loads(line)
                pings = parse_batch(message["positions"], message["device_id"])
                await self._tracking.persist(pings)
        finally:
            writer.close()
            await writer.wait_closed()
