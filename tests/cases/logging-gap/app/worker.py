"""A background sync loop."""
import asyncio
import logging

logger = logging.getLogger(__name__)


async def sync_forever(source) -> None:
    while True:
        try:
            count = await source.sync()
            print(f"synced {count} rows")  # expect: logging-gap
            print("next round soon")
        except Exception:
            logger.exception("sync failed")
        await asyncio.sleep(30)


async def report(source) -> None:
    logger.info("rows: %d", await source.count())
