from __future__ import annotations

import asyncio
import logging

from arenaops.container import Container
from arenaops.repositories.matches import MatchRepository
from arenaops.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

POLL_SECONDS = 15


class CheckInEnforcer:
    """Forfeits matches whose check-in deadline passed without both teams present."""

    def __init__(self, container: Container) -> None:
        self._c = container

    async def run_once(self) -> int:
        forfeited = 0
        async with self._c.sessions() as session:
            matches = MatchRepository(session)
            due = await matches.overdue_checkins(utcnow())
            for match in due:
                if match.status != "scheduled":
                    continue
                await self._c.checkin.forfeit(session, match)
                forfeited += 1
            await session.commit()
        return forfeited

    async def run(self) -> None:
        while True:
            count = await self.run_once()
            if count:
                logger.info("forfeited %d matches after missed check-in", count)
            await asyncio.sleep(POLL_SECONDS)
