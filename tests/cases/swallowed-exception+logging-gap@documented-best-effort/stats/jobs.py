"""Background job: ship usage events; the product must never depend on it."""
from __future__ import annotations

import asyncio

from . import store


async def ship_loop() -> None:
    while True:
        await ship_pending()
        await ship_untracked()
        await asyncio.sleep(60)


async def ship_pending() -> None:
    for event in await store.pending():
        try:
            await store.push(event)
        except Exception:  # expect: logging-gap, swallowed-exception
            pass  # usage events are best effort: never let them break the product


async def ship_untracked() -> None:
    for event in await store.pending():
        try:
            await store.push(event)
        except Exception:  # expect: logging-gap, swallowed-exception
            pass
