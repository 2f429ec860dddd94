"""Onboard-unit gateway: line-delimited JSON stream of truck GPS fixes and RFID lifts."""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator

logger = logging.getLogger(__name__)


class OBUGateway:
    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port

    async def events(self) -> AsyncIterator[dict]:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(b'{"subscribe": ["gps", "lift"]}\n')
            await writer.drain()
            while True:
                line = await asyncio.wait_for(reader.readline(), timeout=60)
                if not line:
                    return
                yield json.loads(line)
        finally:
            writer.close()
            await writer.wait_closed()
