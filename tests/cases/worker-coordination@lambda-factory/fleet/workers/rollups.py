"""Nightly voyage rollups, built the same way; the service takes a Redis lock per day."""
import asyncio
import logging
from datetime import date, timedelta

from fleet.db import SessionFactory, redis
from fleet.services import RollupService

log = logging.getLogger(__name__)


async def run_once(service_factory) -> None:
    day = date.today() - timedelta(days=1)
    async with SessionFactory() as session:
        service = service_factory(session)
        rows = await service.aggregate_day(day)
    log.info("rolled up %d voyages for %s", rows, day)


async def run() -> None:
    while True:
        await asyncio.sleep(24 * 3600)
        await run_once(lambda session: RollupService(session, redis))
