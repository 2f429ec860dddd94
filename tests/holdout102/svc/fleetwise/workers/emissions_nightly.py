"""Nightly: aggregate yesterday's emissions per vessel and submit them to the regulator."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, time, timedelta, timezone

from fleetwise.clients.regulator_api import RegulatorClient
from fleetwise.db.engine import SessionFactory
from fleetwise.db.pg import create_pg_pool
from fleetwise.repositories.positions import PositionRepository
from fleetwise.services.emissions import EmissionsService
from fleetwise.settings import get_settings

log = logging.getLogger(__name__)

RUN_AT = time(1, 30, tzinfo=timezone.utc)


def _seconds_until(run_at: time) -> float:
    now = datetime.now(timezone.utc)
    target = datetime.combine(now.date(), run_at)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


async def run_once(service_factory) -> None:
    day = (datetime.now(timezone.utc) - timedelta(days=1)).date()
    async with SessionFactory() as session:
        service = service_factory(session)
        vessels = await service.aggregate_fleet(day)
        submitted = await service.submit_day(day)
    log.info("emissions %s: aggregated %d vessels, submitted %d records", day, vessels, submitted)


async def run() -> None:
    settings = get_settings()
    pool = await create_pg_pool()
    regulator = RegulatorClient(settings.regulator_api_url, settings.regulator_token)
    positions = PositionRepository(pool)
    try:
        while True:
            await asyncio.sleep(_seconds_until(RUN_AT))
            await run_once(lambda session: EmissionsService(session, positions, regulator))
    finally:
        await regulator.aclose()
        await pool.close()
