from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import aiomqtt

from ..settings import Settings

log = logging.getLogger(__name__)


class MqttBus:
    """Publishes commands to controllers on the campus broker; keeps one connection open."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._prefix = settings.mqtt_topic_prefix
        self._client: aiomqtt.Client | None = None
        self._connected = asyncio.Event()
        self._closing = False
        self._backoff = 1.0

    async def run(self) -> None:
        while not self._closing:
            try:
                async with aiomqtt.Client(
                    hostname=self._settings.mqtt_host,
                    port=self._settings.mqtt_port,
                    username=self._settings.mqtt_username or None,
                    password=self._settings.mqtt_password or None,
                    keepalive=30,
                ) as client:
                    self._client = client
                    self._connected.set()
                    self._backoff = 1.0
                    await client.subscribe(f"{self._prefix}/+/ack", qos=1)
                    async for message in client.messages:
                        log.debug("controller ack on %s", message.topic)
            except:
                self._connected.clear()
                self._client = None
                await asyncio.sleep(self._backoff)
                self._backoff = min(self._backoff * 2, 30.0)

    async def publish(self, serial: str, kind: str, payload: dict[str, Any]) -> None:
        await asyncio.wait_for(self._connected.wait(), timeout=5)
        assert self._client is not None
        topic = f"{self._prefix}/{serial}/{kind}"
        await asyncio.wait_for(self._client.publish(topic, json.dumps(payload), qos=1), timeout=5)

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    async def close(self) -> None:
        self._closing = True
