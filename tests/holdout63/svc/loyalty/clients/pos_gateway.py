"""Line protocol client for the legacy store POS gateway (stock and receipt lookups)."""
from __future__ import annotations

import asyncio
import json
import logging

log = logging.getLogger(__name__)


class PosGatewayClient:
    def __init__(self, host: str, port: int, timeout: float = 4.0) -> None:
        self._host = host
        self._port = port
        self._timeout = timeout

    async def lookup_receipt(self, store_id: str, receipt_no: str) -> dict:
        reader, writer = await asyncio.open_connection(self._host, self._port)
        try:
            writer.write(json.dumps({"op": "receipt", "store": store_id, "no": receipt_no}).encode() + b"\n")
            await writer.drain()
            line = await reader.readline()
        finally:
            writer.close()
            await writer.wait_closed()
        return json.loads(line)

    async def ping(self) -> bool:
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(self._host, self._port), timeout=self._timeout
            )
        except (OSError, asyncio.TimeoutError):
            return False
        try:
            writer.write(b'{"op":"ping"}\n')
            await writer.drain()
            line = await asyncio.wait_for(reader.readline(), timeout=self._timeout)
            return line.strip() == b'{"ok":true}'
        finally:
            writer.close()
            await writer.wait_closed()
