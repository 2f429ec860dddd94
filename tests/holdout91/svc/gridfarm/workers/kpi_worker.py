from __future__ import annotations

import logging

from ..cache.locks import try_leader
from ..repositories.sites import SiteRepository
from ..repositories.telemetry import TelemetryRepository
from ..services.kpi import KpiService
from ..utils.timeutil import utcnow
from .context import WorkerContext

log = logging.getLogger(__name__)


async def compute_kpis(ctx: WorkerContext) -> None:
    if not await try_leader(ctx.redis, "kpi", ctx.owner, ttl_s=600):
        log.debug("another replica owns the KPI run")
        return
    kpi = KpiService(TelemetryRepository(ctx.pool), ctx.redis)
    today = utcnow().date()
    async with ctx.sessions() as session:
        sites = await SiteRepository(session).all()
        for site in sites:
            result = await kpi.availability(session, site.id, today)
            await kpi.record_run(site.id, session)
            log.info("availability %s %s: %.2f%%", site.code, today, result["availability_pct"])
