import asyncio
import logging
from typing import Awaitable, Callable

log = logging.getLogger("depot.keepalive")


async def restart_forever(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    pause = 1.0
    while True:
        try:
            await factory()
            pause = 1.0
        except Exception:
            log.exception("%s failed; again in %.0fs", name, pause)
        await asyncio.sleep(pause)
        pause = min(pause * 2, 120.0)
