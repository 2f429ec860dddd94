"""Periodic scoreboard snapshots."""
import asyncio
from collections.abc import AsyncIterator


async def scoreboard_ticks(match_id: str) -> AsyncIterator[dict[str, str]]:
    while True:
        yield {"match": match_id}
        await asyncio.sleep(2.0)
