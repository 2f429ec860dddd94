"""Length-prefixed frames on a local control socket."""
from __future__ import annotations

import asyncio
import json
import struct

_HEADER = struct.Struct("!I")


async def read_frame(reader: asyncio.StreamReader, timeout: float | None = None) -> dict:
    """One frame; waits for it as long as it takes unless a timeout is given."""
    async def _read() -> dict:
        (size,) = _HEADER.unpack(await reader.readexactly(_HEADER.size))
        return json.loads(await reader.readexactly(size))

    if timeout is None:
        return await _read()
    return await asyncio.wait_for(_read(), timeout)
