"""MQTT bridge consumer: uplinks republished by the regional LNS broker."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging

import aiomqtt
import asyncpg

from .services.ingest import IngestService
from .settings import Settings

logger = logging.getLogger(__name__)

WORKERS = 4
RECONNECT_DELAY_S = 5


class MqttBridge:
    def __init__(self, settings: Settings, ingest: IngestService) -> None:
        self.settings = settings
        self.ingest = ingest
        self._queue: asyncio.Queue[dict] = asyncio.Queue()
        self._workers: list[asyncio.Task] = []

    async def _consume(self) -> None:
        while True:
            uplink = await self._queue.get()
            try:
                await self.ingest.process_uplink(uplink)
            except asyncpg.PostgresError:
                pass
            except (KeyError, ValueError) as exc:
                logger.warning("dropping malformed uplink: %s", exc)
            finally:
                self._queue.task_done()

    async def run(self) -> None:
        self._workers = [asyncio.create_task(self._consume(), name=f"mqtt-consume-{i}") for i in range(WORKERS)]
        try:
            while True:
                try:
                    async with aiomqtt.Client(self.settings.mqtt_host, port=self.settings.mqtt_port,
                                              keepalive=30) as client:
                        await client.subscribe(self.settings.mqtt_topic, qos=1)
                        async for message in client.messages:
                            self._queue.put_nowait(json.loads(message.payload))
                except aiomqtt.MqttError as exc:
                    logger.warning("mqtt connection lost (%s); reconnecting in %ds", exc, RECONNECT_DELAY_S)
                    await asyncio.sleep(RECONNECT_DELAY_S)
        finally:
            for task in self._workers:
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.gather(*self._workers)

    def depth(self) -> int:
        return self._queue.qsize()
