import asyncio
import logging
from typing import Awaitable, Callable

log = logging.getLogger(__name__)


async def keep_alive(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    delay = 1.0
    while True:
        try:
            await factory()
        except Exception:
            log.exception("%s crashed", name)
        await asyncio.sleep(delay)
        delay = min(delay * 2, 30.0)
