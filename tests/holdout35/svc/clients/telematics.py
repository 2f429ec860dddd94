"""Line protocol feed to the fleet telematics collector."""
from __future__ import annotations

import asyncio
import json

from svc.config import Settings


class TelematicsFeed:
    def __init__(self, settings: Settings) -> None:
        self._host = settings.telematics_host
        self._port = settings.telematics_port
        self._writer: asyncio.StreamWriter | None = None

    async def _ensure_connected(self) -> asyncio.StreamWriter:
        if self._writer is None or self._writer.is_closing():
            _, self._writer = await asyncio.open_connection(self._host, self._port)
        return self._writer

    async def publish(self, event: dict) -> None:
        writer = await self._ensure_connected()
        try:
            writer.write(json.dumps(event, separators=(",", ":")).encode() + b"\n")
            await asyncio.wait_for(writer.drain(), timeout=2.0)
        except BaseException:
            self._writer = None
            writer.close()
            raise

    async def probe(self) -> bool:
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(self._host, self._port), timeout=1.0)
        except (OSError, asyncio.TimeoutError):
            return False
        writer.close()
        await writer.wait_closed()
        return True

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            await self._writer.wait_closed()
