"""Background loops: the nightly close runs once a day, the feed poller every 30 seconds."""
import asyncio
import logging
from datetime import date, datetime, timedelta, timezone

from ledger.bank import BankClient, FeedClient

logger = logging.getLogger(__name__)


def _seconds_until(hour_utc: int) -> float:
    now = datetime.now(timezone.utc)
    target = now.replace(hour=hour_utc, minute=0, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


async def nightly_close(bank: BankClient) -> None:
    while True:
        await asyncio.sleep(_seconds_until(2))
        day = (date.today() - timedelta(days=1)).isoformat()
        try:
            lines = await bank.statement(day)
            rates = await bank.fx_rates(day)
            await bank.sweep(day)
            logger.info("closed %s: %d lines, %d rates", day, len(lines), len(rates))
        except Exception:
            logger.exception("nightly close for %s failed", day)


async def poll_feed(feed: FeedClient) -> None:
    while True:
        try:
            for item in await feed.pending():
                logger.info("pending item %s", item["id"])
        except Exception:
            logger.exception("feed poll failed")
        await asyncio.sleep(30)
