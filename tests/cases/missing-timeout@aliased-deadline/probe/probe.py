"""Asks a local proxy whether it speaks SOCKS5."""
from __future__ import annotations

import asyncio

from .compat import deadline


async def speaks_socks(host: str, port: int) -> bool:
    writer = None
    try:
        async with deadline(10):
            reader, writer = await asyncio.open_connection(host, port)
            writer.write(b"\x05\x01\x00")
            await writer.drain()
            return await reader.read(2) == b"\x05\x00"
    except (OSError, asyncio.TimeoutError):
        return False
    finally:
        if writer:
            writer.close()


async def banner(host: str, port: int) -> bytes:
    reader, writer = await asyncio.open_connection(host, port)  # expect: missing-timeout
    try:
        return await reader.readline()
    finally:
        writer.close()
