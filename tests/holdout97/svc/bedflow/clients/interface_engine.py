from __future__ import annotations

import asyncio
import logging
import socket

from ..settings import Settings

logger = logging.getLogger(__name__)

MLLP_START = b"\x0b"
MLLP_END = b"\x1c\x0d"


class InterfaceEngineAck:
    """Sends HL7 application ACKs back to the interface engine over MLLP."""

    def __init__(self, settings: Settings) -> None:
        self._host = settings.interface_engine_host
        self._port = settings.interface_engine_ack_port

    async def send_ack(self, ack: str) -> None:
        with socket.create_connection((self._host, self._port), timeout=3) as sock:
            sock.sendall(MLLP_START + ack.encode() + MLLP_END)

    async def send_commit_ack(self, ack: str) -> None:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(self._host, self._port), timeout=3)
        try:
            writer.write(MLLP_START + ack.encode() + MLLP_END)
            await asyncio.wait_for(writer.drain(), timeout=3)
        finally:
            writer.close()
            await writer.wait_closed()
