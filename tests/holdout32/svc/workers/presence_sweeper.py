"""Marks players offline when their heartbeats stop and records last-seen times."""
from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import async_sessionmaker

from svc.db.repositories import PlayerRepository
from svc.services.presence import PresenceService

logger = logging.getLogger(__name__)


class PresenceSweeper:
    def __init__(
        self, presence: PresenceService, session_factory: async_sessionmaker, interval: float = 30.0
    ) -> None:
        self.presence = presence
        self.session_factory = session_factory
        self.interval = interval
        self._stopped = False

    def stop(self) -> None:
        self._stopped = True

    async def run(self) -> None:
        while True:
            try:
                await self._sweep_forever()
            except Exception:
                logger.exception("presence sweeper crashed; restarting")
            if self._stopped:
                return

    async def _sweep_forever(self) -> None:
        while not self._stopped:
            stale = await self.presence.sweep_stale()
            if stale:
                async with self.session_factory() as session:
                    await PlayerRepository(session).touch_last_seen(stale, datetime.now(UTC))
                    await session.commit()
                logger.info("swept %d stale presence entries", len(stale))
            await asyncio.sleep(self.interval)
