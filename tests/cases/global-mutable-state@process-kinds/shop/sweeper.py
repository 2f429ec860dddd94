"""A sweep the lifespan hands to a supervisor by reference."""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone

_last_sweep_at: datetime | None = None  # expect: global-mutable-state


class Sweeper:
    async def sweep_once(self) -> None:
        global _last_sweep_at
        _last_sweep_at = datetime.now(timezone.utc)

    async def run(self) -> None:
        while True:
            await self.sweep_once()
            await asyncio.sleep(60)


def last_sweep() -> datetime | None:
    return _last_sweep_at
