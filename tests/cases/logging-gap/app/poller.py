"""A second loop that recovers from failures, silently or not."""
import asyncio
import logging

logger = logging.getLogger(__name__)


async def refresh_forever(source) -> None:
    while True:
        try:
            await source.refresh()
        except Exception:  # expect: logging-gap
            await asyncio.sleep(30)
        try:
            await source.compact()
        except Exception:
            logger.exception("compaction failed")
            await asyncio.sleep(30)
        await asyncio.sleep(5)
