"""Gauges refreshed from the database by the scheduler, and the telemetry shipper."""
from __future__ import annotations

import asyncio
import logging
from collections import deque

import asyncpg
import httpx

logger = logging.getLogger(__name__)
METRICS_ENABLED = True
gauges: dict[str, int] = {}


async def refresh_outbox_backlog(pool: asyncpg.Pool) -> None:
    """Best effort: a database hiccup here must not stop the scheduler."""
    if not METRICS_ENABLED:
        return
    try:
        async with pool.acquire() as conn:
            pending = await conn.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
        gauges["outbox_backlog"] = pending or 0
    except Exception:
        logger.warning("could not refresh the outbox backlog gauge", exc_info=True)


async def refresh_replication_lag(pool: asyncpg.Pool) -> None:
    """Only a bad value is caught: a dropped connection raises to the caller."""
    try:
        async with pool.acquire() as conn:
            lag = await conn.fetchval("SELECT extract(epoch FROM now() - pg_last_xact_replay_timestamp())")
        gauges["replication_lag"] = int(lag)
    except (TypeError, ValueError):
        logger.warning("replication lag is not a number")


class EventShipper:
    """Buffers events and ships them in batches; a flush ends once the buffer is empty."""

    def __init__(self, client: httpx.AsyncClient, batch_size: int = 100) -> None:
        self._client = client
        self._buffer: deque[dict] = deque(maxlen=10_000)
        self._lock = asyncio.Lock()
        self._batch_size = batch_size
        self._flushes: set[asyncio.Task] = set()

    def emit(self, event: dict) -> None:
        self._buffer.append(event)
        if len(self._buffer) >= self._batch_size:
            task = asyncio.create_task(self.flush())
            self._flushes.add(task)
            task.add_done_callback(self._flushes.discard)

    async def flush(self) -> None:
        while True:
            async with self._lock:
                if not self._buffer:
                    return
                batch = [self._buffer.popleft() for _ in range(min(self._batch_size, len(self._buffer)))]
            sent = await self._send(batch)
            if not sent:
                async with self._lock:
                    self._buffer.extendleft(reversed(batch))
                return

    async def _send(self, batch: list[dict]) -> bool:
        try:
            response = await self._client.post("https://telemetry.example.com/v1/events", json=batch)
            response.raise_for_status()
            return True
        except httpx.HTTPError:
            logger.warning("telemetry batch of %d not sent", len(batch))
            return False
