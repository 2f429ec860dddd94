"""Consumes flight movement events that the airline pushes onto the ops message queue."""
from __future__ import annotations

import asyncio
import logging
import socket
from typing import Any

from redis.asyncio import Redis

from apron.clients.mq import StreamConsumer
from apron.services.schedule_ingest import ScheduleIngestService
from apron.settings import Settings

log = logging.getLogger(__name__)


class FeedConsumerWorker:
    def __init__(self, redis: Redis, ingest: ScheduleIngestService, settings: Settings) -> None:
        self._consumer = StreamConsumer(
            redis, settings.ops_stream, settings.ops_consumer_group, consumer=socket.gethostname()
        )
        self._ingest = ingest
        self._queue: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue(maxsize=500)

    async def _read(self, stop: asyncio.Event) -> None:
        async for message_id, fields in self._consumer.messages(batch=100):
            if stop.is_set():
                return
            try:
                event = StreamConsumer.decode(fields)
            except:
                log.warning("dropping undecodable ops message %s", message_id)
                await self._consumer.ack(message_id)
                continue
            await self._queue.put((message_id, event))

    async def _apply(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            message_id, event = await self._queue.get()
            try:
                await self._ingest.handle_event(event)
            except Exception:
                log.exception("ops event %s failed, left unacknowledged until the next restart", message_id)
                continue
            finally:
                self._queue.task_done()
            await self._consumer.ack(message_id)

    async def run(self, stop: asyncio.Event) -> None:
        await self._consumer.ensure_group()
        async with asyncio.TaskGroup() as group:
            group.create_task(self._read(stop))
            group.create_task(self._apply(stop))
