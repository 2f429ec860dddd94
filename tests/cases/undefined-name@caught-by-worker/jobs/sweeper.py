"""Periodic sweep of expired reservations."""
import asyncio
import logging
from datetime import UTC, datetime

logger = logging.getLogger(__name__)


async def expire_reservations(store, minutes: int) -> None:
    while True:
        try:
            cutoff = datetime.now(UTC) - timedelta(minutes=minutes)  # expect: undefined-name
            await store.expire_before(cutoff)
        except Exception:
            logger.exception("reservation sweep failed")
        await asyncio.sleep(60)


try:
    monotonic_ns = time_ns
except NameError:
    monotonic_ns = None


def describe(value: object) -> str:
    try:
        return format_money(value)
    except NameError:
        return str(value)
