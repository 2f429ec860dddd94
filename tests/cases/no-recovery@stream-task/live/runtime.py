import asyncio
import logging

log = logging.getLogger(__name__)


async def supervise(name: str, factory) -> None:
    delay = 1.0
    while True:
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s failed; restarting", name)
        await asyncio.sleep(delay)
        delay = min(delay * 2, 30.0)
