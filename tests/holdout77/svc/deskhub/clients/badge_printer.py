from __future__ import annotations

import asyncio
import binascii
import logging

from . import PrinterError

logger = logging.getLogger(__name__)

STX, ETX = b"\x02", b"\x03"


class BadgePrinter:
    """Front-desk label printers speaking ZPL over raw TCP."""

    def __init__(self, port: int = 9100) -> None:
        self._port = port

    async def print_badge(self, host: str, png: bytes) -> None:
        reader, writer = await asyncio.open_connection(host, self._port)
        try:
            writer.write(self._zpl_for(png))
            await writer.drain()
            ack = await reader.readuntil(ETX)
            if not ack.startswith(STX + b"OK"):
                raise PrinterError(f"printer {host} rejected job: {ack[:40]!r}")
        finally:
            writer.close()
            try:
                await writer.wait_closed()
            except:
                pass

    async def status(self, host: str) -> str:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, self._port), timeout=3)
        try:
            writer.write(b"~HS")
            await writer.drain()
            raw = await asyncio.wait_for(reader.read(128), timeout=3)
        finally:
            writer.close()
        return "paper_out" if b",1," in raw[:20] else "ready"

    @staticmethod
    def _zpl_for(png: bytes) -> bytes:
        payload = binascii.hexlify(png).upper()
        header = f"^XA^FO0,0^GFA,{len(png)},{len(png)},{len(png) // 80 or 1},".encode()
        return header + payload + b"^FS^XZ"
