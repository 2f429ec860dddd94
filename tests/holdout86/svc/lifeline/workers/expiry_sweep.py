from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from lifeline.repositories.units import ComponentRepository
from lifeline.services.container import Container
from lifeline.utils.clock import utcnow

log = logging.getLogger(__name__)


class ExpirySweeper:
    """Marks expired components and tells the dashboard; runs alongside the API."""

    def __init__(self, container: Container) -> None:
        self._c = container
        self._interval = container.settings.sweep_interval_seconds

    async def sweep_once(self) -> int:
        now = utcnow()
        async with self._c.sessions() as session:
            repo = ComponentRepository(session)
            expired = await repo.expired_before(now)
            if not expired:
                return 0
            await repo.mark([c.id for c in expired], "expired")
            await session.commit()
        sites = {c.site_id for c in expired}
        for site_id in sites:
            await self._c.redis.publish(f"stock-updates:{site_id}", '{"type": "expired"}')
        await self._c.audit.record("system", "components.expired", f"{len(expired)}", {"sites": sorted(sites)})
        return len(expired)

    async def expiring_soon(self, hours: int = 24) -> int:
        horizon = utcnow() + timedelta(hours=hours)
        async with self._c.sessions() as session:
            return len(await ComponentRepository(session).expired_before(horizon))

    async def run_forever(self) -> None:
        while True:
            count = await self.sweep_once()
            if count:
                log.info("expired %d components", count)
            await asyncio.sleep(self._interval)
