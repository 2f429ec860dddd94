"""Runs the invoice cycle on the first of the month; checks the clock every ten minutes."""
import asyncio
import logging
from datetime import datetime, timezone

from billing.clients import RatesClient, StatusPage, TaxIdChecker
from billing.invoicing import InvoiceCycle

logger = logging.getLogger(__name__)

CHECK_INTERVAL_S = 600


async def run(cycle: InvoiceCycle, status: StatusPage, stop: asyncio.Event) -> None:
    done: set[str] = set()
    while not stop.is_set():
        if await status.maintenance():
            logger.info("partner maintenance window, nothing to do")
        now = datetime.now(timezone.utc)
        period = now.strftime("%Y-%m")
        if now.day == 1 and now.hour >= 2 and period not in done:
            invoiced = await cycle.run([])
            done.add(period)
            logger.info("invoiced %d customers for %s", invoiced, period)
        await asyncio.sleep(CHECK_INTERVAL_S)


async def main() -> None:
    cycle = InvoiceCycle(RatesClient("https://rates.example.com"), TaxIdChecker("key"), "EUR")
    await run(cycle, StatusPage("https://status.example.com"), asyncio.Event())


if __name__ == "__main__":
    asyncio.run(main())
