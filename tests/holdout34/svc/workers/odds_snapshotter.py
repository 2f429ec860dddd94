"""Refreshes the odds book from the provider and records snapshots for history."""
from __future__ import annotations

import asyncio
import logging

from svc.config import settings
from svc.db.repositories.matches import MatchRepository
from svc.db.repositories.odds import OddsSnapshotRepository
from svc.services.hub import OddsHub
from svc.services.odds import OddsBook

logger = logging.getLogger(__name__)


class OddsSnapshotter:
    def __init__(
        self,
        book: OddsBook,
        matches: MatchRepository,
        snapshots: OddsSnapshotRepository,
        hub: OddsHub,
        concurrency: int = 10,
    ) -> None:
        self._book = book
        self._matches = matches
        self._snapshots = snapshots
        self._hub = hub
        self._sem = asyncio.Semaphore(concurrency)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="odds-snapshotter")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _refresh(self, match_id: int) -> None:
        async with self._sem:
            await self._book.update_from_provider(match_id)

    async def tick(self) -> int:
        live = await self._matches.list_live()
        results = await asyncio.gather(*(self._refresh(m.id) for m in live), return_exceptions=True)
        failed = sum(1 for r in results if isinstance(r, Exception))
        if failed:
            logger.warning("odds refresh failed for %d/%d matches", failed, len(live))
        await self._book.reprice_all()
        written = await self._snapshots.insert_many(self._book.snapshot_rows())
        await self._hub.publish(self._book.serialise_books())
        return written

    async def _loop(self) -> None:
        while True:
            try:
                await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("odds snapshot tick failed")
            await asyncio.sleep(settings.odds_snapshot_interval)
