"""Line protocol client for garage entry/exit barrier controllers."""
from __future__ import annotations

import asyncio
import logging

log = logging.getLogger(__name__)


class BarrierClient:
    def __init__(self, host: str, port: int) -> None:
        self._host = host
        self._port = port

    async def open_gate(self, gate_id: str) -> bool:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(self._host, self._port), timeout=3.0)
        try:
            writer.write(f"OPEN {gate_id}\n".encode())
            await writer.drain()
            reply = await asyncio.wait_for(reader.readline(), timeout=5.0)
            return reply.strip() == b"OK"
        finally:
            writer.close()
            await writer.wait_closed()

    async def gate_status(self, gate_id: str) -> str:
        reader, writer = await asyncio.open_connection(self._host, self._port)
        try:
            writer.write(f"STATUS {gate_id}\n".encode())
            await writer.drain()
            line = await reader.readline()
            return line.decode().strip()
        finally:
            writer.close()
            await writer.wait_closed()
