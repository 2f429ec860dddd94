"""Bridges the LoRaWAN gateway's MQTT topics into the ingestion pipeline."""
from __future__ import annotations

import asyncio
import json
from typing import Any

import aiomqtt

from fieldwise.logging_setup import get_logger

log = get_logger(__name__)


def decode_payload(raw: bytes) -> dict[str, Any] | None:
    try:
        doc = json.loads(raw)
    except:
        return None
    if "serial" not in doc or "ts" not in doc:
        return None
    return doc


class MqttBridge:
    def __init__(self, host: str, port: int, topic: str) -> None:
        self._host = host
        self._port = port
        self._topic = topic
        self.inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def run(self) -> None:
        async with aiomqtt.Client(self._host, self._port, keepalive=30) as client:
            await client.subscribe(self._topic, qos=1)
            async for message in client.messages:
                doc = decode_payload(message.payload)
                if doc is None:
                    log.warning("mqtt.undecodable", topic=str(message.topic))
                    continue
                doc["gateway"] = str(message.topic).split("/")[1]
                await self.inbox.put(doc)
