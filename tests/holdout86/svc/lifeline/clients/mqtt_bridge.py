from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from datetime import datetime

import aiomqtt

from lifeline.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Reading:
    sensor_id: str
    celsius: float
    recorded_at: datetime


class MqttBridge:
    """Subscribes to fridge sensors and hands readings to the cold-chain service."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.readings: asyncio.Queue[Reading] = asyncio.Queue()

    async def run(self) -> None:
        async with aiomqtt.Client(self._settings.mqtt_host, self._settings.mqtt_port) as client:
            await client.subscribe(self._settings.mqtt_topic, qos=1)
            async for message in client.messages:
                reading = _decode(str(message.topic), message.payload)
                if reading is not None:
                    self.readings.put_nowait(reading)


def _decode(topic: str, payload: bytes | bytearray) -> Reading | None:
    sensor_id = topic.split("/")[2]
    try:
        data = json.loads(payload)
        return Reading(sensor_id, float(data["c"]), datetime.fromisoformat(data["ts"]))
    except (ValueError, KeyError) as exc:
        log.warning("dropping malformed reading from %s: %s", sensor_id, exc)
        return None
