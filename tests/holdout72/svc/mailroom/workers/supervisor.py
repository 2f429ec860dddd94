import asyncio
import logging
import random
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]], max_backoff: float = 60.0) -> None:
    """Run ``factory()`` forever, restarting it with capped exponential backoff if it dies."""
    delay = 1.0
    while True:
        try:
            await factory()
            log.warning("%s returned; restarting", name)
            delay = 1.0
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s crashed; restarting in %.1fs", name, delay)
            await asyncio.sleep(delay + random.uniform(0, delay / 2))
            delay = min(max_backoff, delay * 2)
