"""Reads a broker feed whose client hands out its messages as an attribute, not a call."""
import asyncio
import logging

import aiomqtt

log = logging.getLogger(__name__)


class GaugeFeed:
    def __init__(self, host: str) -> None:
        self._host = host
        self.latest: dict[str, bytes] = {}

    async def follow(self) -> None:
        async with aiomqtt.Client(self._host) as client:
            await client.subscribe("gauges/#")
            async for message in client.messages:
                self.latest[str(message.topic)] = message.payload

    async def follow_with_reconnect(self) -> None:
        while True:
            try:
                async with aiomqtt.Client(self._host) as client:
                    await client.subscribe("valves/#")
                    async for message in client.messages:
                        self.latest[str(message.topic)] = message.payload
            except aiomqtt.MqttError:
                log.warning("valve feed lost; reconnecting")
                await asyncio.sleep(3)
