from __future__ import annotations

import logging
from datetime import timedelta

import asyncpg

from ..repositories.sites import SiteRepository
from ..repositories.telemetry import TelemetryRepository
from ..services.settlement import SettlementService
from ..utils.timeutil import utcnow
from .context import WorkerContext

log = logging.getLogger(__name__)


async def _availability_by_site(dsn: str, day) -> dict[int, float]:
    conn = await asyncpg.connect(dsn, timeout=10)
    rows = await conn.fetch(
        "SELECT site_id, availability_pct FROM kpi_daily_availability WHERE day = $1", day
    )
    await conn.close()
    return {r["site_id"]: r["availability_pct"] for r in rows}


async def daily_settlement(ctx: WorkerContext) -> None:
    day = utcnow().date() - timedelta(days=1)
    service = SettlementService(TelemetryRepository(ctx.pool), ctx.settings.report_dir,
                                ctx.settings.market_api_key)
    previous = await _availability_by_site(ctx.settings.asyncpg_dsn, day)
    async with ctx.sessions() as session:
        for site in await SiteRepository(session).all():
            availability = previous.get(site.id, 100.0)
            outcome = await service.settle(session, site, day, availability)
            log.info("settled %s for %s: %.3f MWh -> %s", site.code, day, outcome["energy_mwh"], outcome["path"])
