"""Nightly emissions; each round builds its service on a fresh session through the factory it is given."""
import asyncio
import logging
from datetime import date, timedelta

from fleet.db import SessionFactory
from fleet.services import EmissionsService

log = logging.getLogger(__name__)


async def run_once(service_factory) -> None:
    day = date.today() - timedelta(days=1)
    async with SessionFactory() as session:
        service = service_factory(session)
        rows = await service.aggregate_day(day)
    log.info("aggregated %d vessels for %s", rows, day)


async def run() -> None:
    while True:
        await asyncio.sleep(24 * 3600)
        await run_once(lambda session: EmissionsService(session, 3.114))  # expect: worker-coordination
