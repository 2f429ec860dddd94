"""Keeps long-running coroutines alive."""
import asyncio
import logging

log = logging.getLogger(__name__)


async def supervise(name: str, factory) -> None:
    while True:
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s crashed; restarting", name)
            await asyncio.sleep(1)
