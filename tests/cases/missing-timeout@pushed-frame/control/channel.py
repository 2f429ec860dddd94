"""A loopback control channel to child processes, and a client for a line-based legacy host."""
from __future__ import annotations

import asyncio
import logging

log = logging.getLogger(__name__)
HELLO = b"h"
RECEIPT = b"r"
MAX_RECEIPT = 64 * 1024


class ControlChannel:
    """Children connect to 127.0.0.1 and push frames: one kind byte, then the frame's body."""

    def __init__(self) -> None:
        self.receipts: list[bytes] = []

    async def serve(self) -> asyncio.AbstractServer:
        return await asyncio.start_server(self._session, host="127.0.0.1", port=0)

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                kind = await reader.read(1)
                if not kind:
                    return
                if kind == HELLO:
                    version = await reader.readexactly(2)
                    writer.write(b"ok" + version)
                    await writer.drain()
                    continue
                if kind == RECEIPT:
                    size = int.from_bytes(await reader.readexactly(4), "big")
                    if size > MAX_RECEIPT:
                        return
                    self.receipts.append(await reader.readexactly(size))
        except asyncio.IncompleteReadError:
            log.debug("child went away")
        finally:
            writer.close()


async def legacy_balance(host: str, account: str) -> str:
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, 7000), timeout=5)
    try:
        writer.write(f"BAL {account}\r\n".encode())
        await writer.drain()
        line = await reader.readline()  # expect: missing-timeout
        return line.decode().strip()
    finally:
        writer.close()
