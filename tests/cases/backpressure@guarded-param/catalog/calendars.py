"""Calendar builds for a search: one coroutine per room, run through a throttle."""
from __future__ import annotations

from typing import Any

from catalog.throttle import BuildCounter, BuildThrottle


async def build_calendar(room_id: int) -> dict[str, Any]:
    return {"room": room_id}


async def search(room_ids: list[int], throttle: BuildThrottle, counter: BuildCounter) -> list[Any]:
    bounded = await throttle.run([build_calendar(r) for r in room_ids])
    counted = await counter.run([build_calendar(r) for r in room_ids])
    return bounded + counted
