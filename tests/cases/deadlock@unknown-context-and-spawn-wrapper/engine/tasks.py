"""Task helpers: every background coroutine is started through `spawn_logged`."""
import asyncio
import logging

log = logging.getLogger(__name__)


async def _logged(coro):
    try:
        return await coro
    except Exception:
        log.exception("background task failed")


def spawn_logged(coro, *args, **kwargs):
    return asyncio.ensure_future(_logged(coro), *args, **kwargs)
